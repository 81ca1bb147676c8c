from http import HTTPStatus

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.forum.conftest import consultation_index, make_consultation  # noqa: F401
from tests.security.public_forms import PUBLIC_FORMS
from tests.surveys.conftest import make_survey, survey, survey_index  # noqa: F401

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


@pytest.fixture
def public_content(request, home):
    """The survey and consultation whose forms the suite attacks."""
    request.getfixturevalue("make_survey")()
    request.getfixturevalue("make_consultation")("ktr")


def real_url(url: str) -> str:
    """A form's URL with the test survey's page id in place of ``{survey_id}``."""
    if "{survey_id}" not in url:
        return url
    from surveys.models import SurveyPage

    return url.format(survey_id=SurveyPage.objects.get(slug="survei-uji").pk)


@pytest.mark.parametrize("form", PUBLIC_FORMS, ids=lambda form: form.name)
def test_fuzzed_post_bodies_never_give_a_server_error(public_content, form):
    client = Client(raise_request_exception=False)
    for url, data in form.prepare:
        assert client.post(url, data).status_code < HTTPStatus.BAD_REQUEST
    url = real_url(form.url)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(body=post_bodies(form.fields))
    def post(body):
        response = client.post(url, body)
        assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, (url, body)

    post()


@pytest.mark.parametrize("form", PUBLIC_FORMS, ids=lambda form: form.name)
def test_csrf_is_enforced_on_every_public_form(public_content, form):
    client = Client(enforce_csrf_checks=True)
    response = client.post(real_url(form.url), dict.fromkeys(form.fields, "x"))
    if not form.checks_csrf:  # the signed key is the credential: without one, nothing is taken
        assert response.status_code == HTTPStatus.BAD_REQUEST
        return
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_an_oversized_body_is_refused_without_a_server_error(home):
    client = Client(raise_request_exception=False)
    response = client.post("/akun/login/", {"login": "a@example.test", "password": "x" * 3_000_000})
    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE


def test_too_many_fields_are_refused_without_a_server_error(home, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 100
    client = Client(raise_request_exception=False)
    response = client.post("/akun/login/", {f"field{number}": "x" for number in range(500)})
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_every_anonymous_post_endpoint_is_fuzzed():
    from tests.permissions_matrix import MATRIX, PAGE_ENTRIES

    fuzzed_urls = {form.matrix_url or form.url for form in PUBLIC_FORMS}
    anonymous_forms = [entry.url.split("?")[0] for entry in {**MATRIX, **PAGE_ENTRIES}.values() if entry.anonymous_post]
    assert sorted(set(anonymous_forms) - fuzzed_urls) == []


METACHARACTERS = "<script>alert('x')</script> \" OR 1=1; DROP TABLE forum_consultationinput; -- &amp; {{ x }}"


def test_metacharacters_in_consultation_input_are_stored_as_typed_and_shown_escaped(public_content, client):
    from forum.models import ConsultationInput, InputStatus

    response = client.post("/konsultasi/ktr/", {"text": METACHARACTERS})
    assert response.status_code < HTTPStatus.BAD_REQUEST
    stored = ConsultationInput.objects.get()
    assert stored.text == METACHARACTERS
    stored.status = InputStatus.APPROVED
    stored.save()
    body = client.get("/konsultasi/ktr/").content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body
    assert "<script>alert(" not in body
    assert "&amp;amp;" in body


def test_metacharacters_in_a_survey_text_answer_are_stored_as_typed(public_content, client):
    from surveys.models import Answer

    client.post("/survei/survei-uji/", {"choice": "agree"})
    client.post("/survei/survei-uji/tentang-kamu/", {})
    client.post("/survei/survei-uji/bagian/1/", {"safe_school": "2", "bullied": "no"})
    client.post("/survei/survei-uji/bagian/2/", {"told_someone": "no"})
    response = client.post("/survei/survei-uji/bagian/3/", {"friends": "3", "wish": METACHARACTERS[:200]})
    assert response.status_code == HTTPStatus.FOUND
    assert Answer.objects.get(question_code="wish").text_value == METACHARACTERS[:200]
