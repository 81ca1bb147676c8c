import json
from http import HTTPStatus

import pytest

from tests.conftest import run_python

PRODUCTION = {
    "SUARA_ENV": "production",
    "SECRET_KEY": "q7Vd-3kLmZ9pXw2rT8yBn4cHs6fJ0gA1eU5iO-uRtYvWxQzPlMnKjHgFdSa",
    "ALLOWED_HOSTS": "suara.example",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
}


def csp_directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part}


@pytest.mark.parametrize("path", ["/", "/en/", "/akun/login/"])
def test_public_pages_send_a_strict_content_security_policy(client, home, path):
    response = client.get(path)
    directives = csp_directives(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert "<script>" not in response.content.decode()


def test_security_headers(client, home):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_production_sends_hsts_and_secure_http_only_cookies():
    code = (
        "import django, json; django.setup(); from django.test import Client; from django.conf import settings as s; "
        "r = Client().get('/healthz', secure=True, HTTP_HOST='suara.example'); "
        "print(json.dumps([r.status_code, r['Strict-Transport-Security'], s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY]))"
    )
    result = run_python(code, PRODUCTION | {"DATABASE_URL": "sqlite:///:memory:"})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == [
        HTTPStatus.OK,
        "max-age=31536000; includeSubDomains; preload",
        True,
        True,
        True,
        True,
    ]


def test_plain_http_is_redirected_to_https_in_production():
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz', HTTP_HOST='suara.example'); print(r.status_code, r['Location'])"
    )
    result = run_python(code, PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(HTTPStatus.MOVED_PERMANENTLY), "https://suara.example/healthz"]


def test_no_page_may_run_inline_scripts_not_even_the_wagtail_admin(client, home, make_user):
    client.force_login(make_user(superuser=True))
    assert csp_directives(client.get("/admin/"))["script-src"] == ["'self'"]
    assert csp_directives(client.get(f"/admin/pages/{home.pk}/edit/"))["script-src"] == ["'self'"]
    assert csp_directives(client.get("/"))["script-src"] == ["'self'"]
