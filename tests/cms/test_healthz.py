import json
from http import HTTPStatus

import pytest

from tests.conftest import run_python

UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


def test_healthz_is_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok", "checks": {"database": True}}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_checks_redis_when_configured(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    try:
        import redis

        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:
        pytest.skip("Redis is not running on 127.0.0.1:6379 (CI starts it)")
    response = client.get("/healthz")
    assert response.status_code == HTTPStatus.OK
    assert response.json()["checks"] == {"database": True, "redis": True}


def test_healthz_is_503_when_redis_is_unreachable(client, db, settings):
    settings.REDIS_URL = UNREACHABLE_REDIS
    response = client.get("/healthz")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json() == {"status": "unavailable", "checks": {"database": True, "redis": False}}


def test_healthz_is_503_when_the_database_is_unreachable():
    code = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(r.status_code); print(r.content.decode())"
    )
    result = run_python(code, {"SUARA_ENV": "test", "DATABASE_URL": "sqlite:////nonexistent-dir/suara/db.sqlite3"})
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().splitlines()[-2:]
    assert int(status) == HTTPStatus.SERVICE_UNAVAILABLE
    assert json.loads(body) == {"status": "unavailable", "checks": {"database": False}}
