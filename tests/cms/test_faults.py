from http import HTTPStatus

from tests.conftest import run_python

SERVE = (
    "import django; django.setup(); from django.test import Client; "
    "r = Client(raise_request_exception=False).get('{path}'); print(r.status_code); print(r.content.decode())"
)


def test_database_unreachable_gives_a_friendly_503_without_a_stack_trace():
    result = run_python(
        SERVE.format(path="/"),
        {"SUARA_ENV": "test", "DATABASE_URL": "postgres://postgres@127.0.0.1:1/suara_anak?connect_timeout=2"},
    )
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.split("\n", 1)
    assert int(status) == HTTPStatus.SERVICE_UNAVAILABLE
    assert "Suara Anak sedang ada gangguan" in body
    assert "SAPA 129" in body
    assert "Traceback" not in body and "OperationalError" not in body


def test_pages_are_served_while_redis_is_unreachable(client, home, settings):
    from cms.settings import redis_caches

    settings.CACHES = redis_caches("redis://127.0.0.1:1/0")
    from django.core.cache import cache

    assert cache.get("anything") is None
    assert client.get("/").status_code == HTTPStatus.OK
    assert client.get("/en/").status_code == HTTPStatus.OK
    assert client.get("/akun/login/").status_code == HTTPStatus.OK
