from http import HTTPStatus

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.public_forms import PUBLIC_FORMS

NASTY_TEXT = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "'; DROP TABLE cms_user; --",
            '" onmouseover="alert(1)',
            "\x00\x01\x02",
            "../../etc/passwd",
            "😀" * 50,
            "a" * 20_000,
            "%00%ff",
            "{{ 7*7 }}",
        ]
    ),
)


def post_bodies(fields: tuple[str, ...]):
    keys = st.one_of(st.sampled_from(fields), st.text(min_size=1, max_size=20))
    values = st.one_of(NASTY_TEXT, st.lists(NASTY_TEXT, max_size=3))
    return st.dictionaries(keys, values, max_size=len(fields) + 3)


@pytest.mark.parametrize("form", PUBLIC_FORMS, ids=lambda form: f"{form.name} {form.url}")
def test_fuzzed_post_bodies_never_give_a_server_error(home, form, request):
    for fixture in form.fixtures:
        request.getfixturevalue(fixture)
    client = Client(raise_request_exception=False)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(body=post_bodies(form.fields))
    def post(body):
        response = client.post(form.url, body)
        assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, (form.url, body)

    post()


@pytest.mark.parametrize("form", PUBLIC_FORMS, ids=lambda form: f"{form.name} {form.url}")
def test_csrf_is_enforced_on_every_public_form(home, form, request):
    for fixture in form.fixtures:
        request.getfixturevalue(fixture)
    client = Client(enforce_csrf_checks=True)
    response = client.post(form.url, dict.fromkeys(form.fields, "x"))
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_an_oversized_body_is_refused_without_a_server_error(home):
    client = Client(raise_request_exception=False)
    response = client.post("/akun/login/", {"login": "a@example.test", "password": "x" * 3_000_000})
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_too_many_fields_are_refused_without_a_server_error(home, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 100
    client = Client(raise_request_exception=False)
    response = client.post("/akun/login/", {f"field{number}": "x" for number in range(500)})
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_every_anonymous_post_endpoint_is_fuzzed():
    from tests.permissions_matrix import MATRIX

    public_names = {form.name for form in PUBLIC_FORMS}
    anonymous_forms = {"account_login", "account_signup", "account_reset_password", "set_language"}
    assert anonymous_forms <= public_names
    assert public_names <= set(MATRIX)
