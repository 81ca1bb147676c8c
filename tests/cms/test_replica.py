"""Routing reads to a streaming replica (cms.replica), without a replica: the router's decisions and the settings.
A real replica is started in tests/ops/test_replica.py."""

import json

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.test import RequestFactory

from cms import replica
from cms.models import User
from surveys.models import Response, SurveyPage
from tests.conftest import run_python


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setattr(replica, "has_replica", lambda: True)


def test_without_a_replica_url_there_is_no_replica_router_or_middleware():
    assert "replica" not in settings.DATABASES
    assert not getattr(settings, "DATABASE_ROUTERS", [])
    assert "cms.replica.PrimaryAfterWriteMiddleware" not in settings.MIDDLEWARE
    with replica.replica_reads():
        assert replica.ReplicaRouter().db_for_read(SurveyPage) == "default"


def test_reads_inside_an_opted_in_block_go_to_the_replica_but_sign_in_and_sessions_stay_on_the_primary(with_replica):
    router = replica.ReplicaRouter()
    assert router.db_for_read(SurveyPage) == "default"
    with replica.replica_reads():
        assert router.db_for_read(SurveyPage) == "replica"
        assert router.db_for_read(Response) == "replica"
        for model in (User, Session, Authenticator):
            assert router.db_for_read(model) == "default", model
        assert router.db_for_write(SurveyPage) == "default"
    assert router.db_for_read(SurveyPage) == "default"


def test_only_the_primary_is_migrated():
    router = replica.ReplicaRouter()
    assert router.allow_migrate("default", "surveys") is True
    assert router.allow_migrate("replica", "surveys") is False


def routed_view(request):
    return HttpResponse(replica.ReplicaRouter().db_for_read(SurveyPage))


def test_a_browser_that_just_wrote_reads_its_own_change_from_the_primary(with_replica):
    middleware = replica.PrimaryAfterWriteMiddleware(replica.reads_from_replica(routed_view))
    factory = RequestFactory()

    read = middleware(factory.get("/hasil/"))
    assert read.content == b"replica" and replica.PIN_COOKIE not in read.cookies

    wrote = middleware(factory.post("/admin/pages/3/edit/"))
    assert wrote.cookies[replica.PIN_COOKIE]["max-age"] == settings.REPLICA_PIN_SECONDS

    pinned = factory.get("/hasil/")
    pinned.COOKIES[replica.PIN_COOKIE] = "1"
    assert middleware(pinned).content == b"default"


def test_a_replica_url_adds_the_replica_its_router_and_the_middleware():
    result = run_python(
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps([settings.DATABASES['replica']['NAME'], settings.DATABASES['replica']['TEST'], "
        "settings.DATABASE_ROUTERS, settings.MIDDLEWARE[2], "
        "settings.DATABASES['default']['DISABLE_SERVER_SIDE_CURSORS']]))",
        env={
            "SUARA_ENV": "test",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:6432/suara",
            "DATABASE_REPLICA_URL": "postgres://postgres@127.0.0.1:6432/suara_replica",
            "DATABASE_DISABLE_SERVER_SIDE_CURSORS": "1",
        },
    )
    assert result.returncode == 0, result.stderr
    name, test, routers, middleware, no_cursors = json.loads(result.stdout.strip().splitlines()[-1])
    assert name == "suara_replica" and test["MIRROR"] == "default"
    assert routers == ["cms.replica.ReplicaRouter"]
    assert middleware == "cms.replica.PrimaryAfterWriteMiddleware"
    assert no_cursors is True
