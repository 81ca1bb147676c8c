"""How long requests take is logged by route (cms.middleware.RequestTimeMiddleware), never with who asked or what
values were in the address; requests over SLOW_REQUEST_SECONDS are warnings."""

import logging

import pytest

from tests.conftest import run_python

LOGGER = "suara.requests"


def logged(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == LOGGER]


@pytest.mark.django_db
def test_a_fast_request_is_logged_as_information_with_its_route(client, caplog, settings):
    settings.SLOW_REQUEST_SECONDS = 60
    with caplog.at_level(logging.INFO, logger=LOGGER):
        client.get("/healthz")
    (record,) = logged(caplog)
    assert record.levelno == logging.INFO
    assert record.getMessage().startswith("GET /healthz -> 200 in ")


@pytest.mark.django_db
def test_a_slow_request_is_a_warning(client, caplog, settings):
    settings.SLOW_REQUEST_SECONDS = 0
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        client.get("/healthz")
    (record,) = logged(caplog)
    assert record.levelno == logging.WARNING


@pytest.mark.django_db
def test_the_log_names_the_route_pattern_not_the_values_or_the_query(client, caplog, settings):
    settings.SLOW_REQUEST_SECONDS = 60
    with caplog.at_level(logging.INFO, logger=LOGGER):
        client.get("/staf/survei/9876543/kode/?kode=RAHASIA", REMOTE_ADDR="203.0.113.7")
    (record,) = logged(caplog)
    message = record.getMessage()
    assert message.startswith("GET /staf/survei/<id:survey_id>/kode/ -> ")
    for private in ("9876543", "RAHASIA", "203.0.113.7"):
        assert private not in message


@pytest.mark.django_db
def test_a_wagtail_page_is_named_by_its_public_path(client, caplog, home, settings):
    settings.SLOW_REQUEST_SECONDS = 60
    with caplog.at_level(logging.INFO, logger=LOGGER):
        client.get("/?utm=x")
    (record,) = logged(caplog)
    assert record.getMessage().startswith("GET page / -> 200 in ")


@pytest.mark.django_db
def test_an_address_no_route_matches_is_logged_without_its_path(client, caplog, settings):
    settings.SLOW_REQUEST_SECONDS = 60
    with caplog.at_level(logging.INFO, logger=LOGGER):
        client.get("/static/../../etc/passwd-like-nothing.txt")
    messages = [record.getMessage() for record in logged(caplog)]
    assert messages and all("passwd" not in message for message in messages)


def test_request_time_log_writes_every_request_to_the_named_file(tmp_path):
    log = tmp_path / "requests.log"
    result = run_python(
        "import django; django.setup(); from django.test import Client; Client().get('/healthz')",
        env={"SUARA_ENV": "test", "REQUEST_TIME_LOG": str(log)},
    )
    assert result.returncode == 0, result.stderr
    assert log.read_text().startswith("GET /healthz -> 200 in ")
