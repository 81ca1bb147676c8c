"""Nothing of a staff page is cached outside the browser's memory: staff pages, exports and every page drawn for
a signed-in person answer ``Cache-Control: private, no-store``; public pages for anonymous visitors are left as
their views answer them."""

from http import HTTPStatus

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver

from cms.middleware import PrivatePagesMiddleware
from cms.roles import Role
from tests.cms.test_permissions_matrix import ROLE_USERS
from tests.forum.conftest import consultation_index, forum_groups, make_consultation  # noqa: F401
from tests.permissions_matrix import ADMIN_ENTRIES, MATRIX, PAGE_ENTRIES
from tests.surveys.conftest import make_survey, survey_index  # noqa: F401

EVERY_ENTRY = {**MATRIX, **PAGE_ENTRIES, **ADMIN_ENTRIES}
STAFF_AREAS = ("staf", "akun", "admin")
MIDDLEWARE = "cms.middleware.PrivatePagesMiddleware"


def directives(response) -> dict[str, str]:
    parts = [part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()]
    return {part.split("=")[0].lower(): (part.split("=") + [""])[1] for part in parts}


def is_never_stored(response) -> bool:
    found = directives(response)
    return (
        {"private", "no-store"} <= found.keys()
        and "public" not in found
        and "s-maxage" not in found
        and found.get("max-age", "0") == "0"
    )


@pytest.fixture
def site_content(request, sections):
    """What the permission matrix walks: the demo sections, a survey ``survei-uji`` and a consultation ``ktr``."""
    request.getfixturevalue("forum_groups")
    request.getfixturevalue("make_consultation")("ktr")
    return request.getfixturevalue("make_survey")()


def real_exports(survey) -> list[str]:
    """Every export with something in it, beside the matrix's placeholders."""
    return [
        f"/staf/survei/{survey.pk}/ekspor.csv",
        f"/staf/survei/{survey.pk}/ekspor.xlsx",
        "/staf/hasil/ekspor/indikator.csv",
        "/staf/hasil/ekspor/ringkasan.xlsx",
        f"/staf/hasil/ekspor/ringkasan.csv?survei={survey.pk}",
        "/staf/hasil/laporan/",
        "/akun/2fa/recovery-codes/download/",
        "/admin/reports/site-history/?export=csv",
        "/admin/reports/aging-pages/?export=xlsx",
        "/admin/pages/search/?q=a&export=csv",
    ]


@pytest.mark.parametrize("role", list(ROLE_USERS))
def test_every_url_a_signed_in_role_opens_is_never_stored(client, make_user, site_content, role):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    spec = ROLE_USERS[role]
    user = make_user(spec.get("role"), superuser=spec.get("superuser", False))
    RecoveryCodes.activate(user)
    client.force_login(user)
    stored = []
    urls = [entry.url for entry in EVERY_ENTRY.values()] + real_exports(site_content)
    for url in urls:
        response = client.get(url)
        if not is_never_stored(response):
            stored.append(f"{url} ({response.status_code}): {response.get('Cache-Control')}")
    assert not stored, "\n".join(stored)


def test_exports_really_are_files(client, make_user, site_content):
    client.force_login(make_user(Role.FACILITATOR))
    for url in real_exports(site_content)[:5]:
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        assert "attachment" in response["Content-Disposition"], url
        assert is_never_stored(response), url


def admin_routes(patterns, prefix: str = ""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from admin_routes(pattern.url_patterns, route)
        elif route.startswith("admin/") and not any(mark in route for mark in ("<", "(?P", ".*", "^")):
            yield "/" + route


def test_everything_under_the_admin_is_never_stored_with_or_without_an_export(client, make_user, site_content):
    client.raise_request_exception = False
    client.force_login(make_user(superuser=True))
    stored = []
    for route in admin_routes(get_resolver().url_patterns):
        if route.startswith("/admin/logout/"):
            continue
        for url in (route, route + "?export=csv"):
            response = client.get(url)
            if not is_never_stored(response):
                stored.append(f"{url} ({response.status_code}): {response.get('Cache-Control')}")
    assert not stored, "\n".join(stored)


def test_staff_pages_are_never_stored_even_for_an_anonymous_visitor(client, site_content):
    staff = [entry.url for entry in EVERY_ENTRY.values() if entry.area in STAFF_AREAS]
    staff += ["/en/staf/hasil/", "/en/akun/login/", "/en/admin/"] + real_exports(site_content)
    stored = [url for url in staff if not is_never_stored(client.get(url))]
    assert not stored


def test_public_pages_for_anonymous_visitors_are_left_as_their_views_answer(client, settings, site_content):
    public = [entry.url for entry in EVERY_ENTRY.values() if entry.area not in STAFF_AREAS]
    assert len(public) > 20
    answered = {url: client.get(url).get("Cache-Control") for url in public}
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != MIDDLEWARE]
    assert answered == {url: client.get(url).get("Cache-Control") for url in public}
    assert answered["/"] is None and answered["/kampanye/"] is None


@pytest.mark.parametrize("path", ["/staf/hasil/ekspor/indikator.csv", "/en/akun/email/", "/admin/reports/"])
def test_no_store_replaces_whatever_caching_a_view_allowed(path):
    def view(request):
        response = HttpResponse("rahasia")
        response["Cache-Control"] = "public, max-age=600, s-maxage=3600, stale-while-revalidate=60, no-transform"
        return response

    response = PrivatePagesMiddleware(view)(RequestFactory().get(path))
    assert response["Cache-Control"] == "private, no-store, no-transform"
