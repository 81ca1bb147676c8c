"""The request guard: what no form of ours takes is refused early, with a translated page, before any view runs."""

from http import HTTPStatus

import pytest
from django.conf import settings as django_settings
from django.test import Client

from cms.roles import Role
from tests.cms.conftest import media_root  # noqa: F401  (used by admin_client)
from tests.forum.conftest import consultation_index, forum_groups, make_consultation  # noqa: F401
from tests.security.public_forms import PUBLIC_FORMS
from tests.security.test_attacks import real_url
from tests.surveys.conftest import make_survey, survey_index  # noqa: F401

GUARD = "cms.middleware.RequestGuardMiddleware"
FIFTY_MB = 50 * 1024 * 1024
BOUNDARY = "guardboundary"


@pytest.fixture
def public_content(request, home):
    from cms.demo import seed_campaigns_and_stories, seed_sections

    seed_campaigns_and_stories(seed_sections(home))
    request.getfixturevalue("forum_groups")
    request.getfixturevalue("make_survey")()
    request.getfixturevalue("make_consultation")("ktr")


def multipart_with_file(fields: tuple[str, ...], file_bytes: bytes = b"x" * 1024) -> bytes:
    parts = [f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\nx\r\n'.encode() for name in fields]
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="lampiran"; filename="a.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + file_bytes
        + b"\r\n"
    )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"

# The inputs named in issue #14, each of which once gave a server error on PostgreSQL.
HOSTILE_GETS = [
    "/cari/?q=%00",
    "/en/cari/?q=a%00b",
    "/kampanye/?tema=%00",
    "/cerita/?tema=%00",
    "/forum-anak/%00/",
    "/%00/",
    "/hasil/?survei=%00",
]
STAFF_GETS = [
    "/staf/hasil/?kecamatan=%00",
    "/staf/hasil/laporan/?kecamatan=%00&umur=%00",
    "/staf/hasil/ekspor/indikator.csv?kelurahan=%00",
    "/staf/hasil/ekspor/ringkasan.csv?jk=%00",
]


@pytest.mark.parametrize("url", HOSTILE_GETS)
def test_a_nul_byte_in_a_public_url_is_refused_with_a_translated_page(public_content, url):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    expected = "This request cannot be read" if url.startswith("/en/") else "Permintaan tidak bisa dibaca"
    assert expected in response.content.decode()


@pytest.mark.parametrize("url", STAFF_GETS)
def test_a_nul_byte_in_a_results_filter_is_refused_and_never_logged(public_content, client, make_user, url):
    from wagtail.models import ModelLogEntry

    client.raise_request_exception = False
    client.force_login(make_user(Role.OFFICIAL))
    entries_before = ModelLogEntry.objects.count()
    response = client.get(url)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert ModelLogEntry.objects.count() == entries_before


@pytest.mark.parametrize("url", HOSTILE_GETS)
def test_without_the_guard_the_views_themselves_refuse_a_nul_byte(public_content, settings, url):
    settings.MIDDLEWARE = [name for name in django_settings.MIDDLEWARE if name != GUARD]
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.NOT_FOUND)


@pytest.mark.parametrize("url", STAFF_GETS)
def test_without_the_guard_a_nul_filter_is_dropped_before_the_audit_log(
    public_content, client, make_user, settings, url
):
    from wagtail.models import ModelLogEntry

    settings.MIDDLEWARE = [name for name in django_settings.MIDDLEWARE if name != GUARD]
    client.raise_request_exception = False
    client.force_login(make_user(Role.OFFICIAL))
    last_entry = ModelLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.get(url)
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.NOT_FOUND)
    for entry in ModelLogEntry.objects.filter(pk__gt=last_entry):
        assert entry.data["filters"] == {}


@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded; charset=utf-16",
        f"{MULTIPART}; charset=utf-16",
        "application/x-www-form-urlencoded; charset=utf-32",
        "application/x-www-form-urlencoded; charset=bukan-charset",
    ],
)
def test_a_body_in_a_charset_we_do_not_read_is_refused(public_content, content_type):
    body = "login=anak&password=x".encode("utf-16")
    response = Client(raise_request_exception=False).generic("POST", "/akun/login/", body, content_type)
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_a_latin_1_body_is_still_read(public_content):
    body = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="login"\r\n\r\ncaf\xe9\r\n--{BOUNDARY}--\r\n'
    body = body.encode("latin-1")
    content_type = f"{MULTIPART}; charset=iso-8859-1"
    response = Client().generic("POST", "/akun/login/", body, content_type)
    assert response.status_code == HTTPStatus.OK


def test_a_hostile_session_cookie_never_reaches_the_session_table(public_content):
    escaped_nuls = "\\000" * 32
    cookie = f'{django_settings.SESSION_COOKIE_NAME}="{escaped_nuls}"'
    response = Client(raise_request_exception=False).get("/", HTTP_COOKIE=cookie)
    assert response.status_code == HTTPStatus.BAD_REQUEST


@pytest.mark.parametrize("form", PUBLIC_FORMS, ids=lambda form: form.name)
def test_a_50_mb_body_to_a_public_form_is_refused_before_it_is_read(public_content, form):
    """The body declared is 50 MB but only a few bytes are sent: reading it would fail the test client's stream."""
    client = Client(raise_request_exception=False)
    body = multipart_with_file(form.fields)
    response = client.generic("POST", real_url(form.url), body, MULTIPART, CONTENT_LENGTH=str(FIFTY_MB))
    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert "Kiriman terlalu besar" in response.content.decode()


def test_a_real_50_mb_file_part_is_refused(public_content):
    client = Client(raise_request_exception=False)
    body = multipart_with_file(("login", "password"), b"\x00" * FIFTY_MB)
    response = client.generic("POST", "/en/akun/login/", body, MULTIPART)
    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert "What you sent is too large" in response.content.decode()


@pytest.mark.parametrize("form", PUBLIC_FORMS, ids=lambda form: form.name)
def test_a_small_file_part_on_a_form_that_takes_no_file_is_refused(public_content, form):
    client = Client(raise_request_exception=False)
    for url, data in form.prepare:
        client.post(url, data)
    response = client.generic("POST", real_url(form.url), multipart_with_file(form.fields), MULTIPART)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Formulir ini tidak menerima berkas" in response.content.decode()


def test_the_upload_limits_are_set_deliberately():
    assert django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    assert django_settings.FILE_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    assert django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 10_000
    assert django_settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE < django_settings.UPLOAD_MAX_REQUEST_SIZE


@pytest.fixture
def admin_client(request, client, make_user):
    request.getfixturevalue("media_root")
    client.force_login(make_user(superuser=True, email="admin@example.test"))
    return client


def test_the_admin_still_takes_an_image_upload(home, admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": "Taman bermain",
            "file": SimpleUploadedFile("taman.png", get_test_image_file().file.getvalue()),
            "collection": "1",
        },
    )
    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors
    assert Image.objects.filter(title="Taman bermain").exists()


def test_an_admin_upload_over_the_proxy_limit_is_refused_before_it_is_read(home, admin_client):
    admin_client.raise_request_exception = False
    declared = str(django_settings.UPLOAD_MAX_REQUEST_SIZE + 1)
    response = admin_client.generic(
        "POST", "/admin/images/add/", multipart_with_file(("title",)), MULTIPART, CONTENT_LENGTH=declared
    )
    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
