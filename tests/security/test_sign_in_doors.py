"""Every route that could sign someone in, found from the URL resolver and attacked with a staff password alone.

Staff who must use MFA (administrators, facilitators, officials) reach no staff page unless their session passed the
TOTP step; no route but allauth's sign-in signs anyone in.
"""

import re
from http import HTTPStatus

import pytest
from django.contrib.auth.signals import user_logged_in
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import translation

from cms.roles import Role
from tests.conftest import PASSWORD, Client, current_totp_code
from tests.forum.conftest import consultation_index, forum_groups, make_consultation  # noqa: F401
from tests.permissions_matrix import ADMIN_ENTRIES, LOGIN, MATRIX, OK, PAGE_ENTRIES
from tests.surveys.conftest import make_survey, survey_index  # noqa: F401

MFA_STAFF = {
    "administrator": {"superuser": True},
    "facilitator": {"role": Role.FACILITATOR},
    "official": {"role": Role.OFFICIAL},
}
OTHER_SIGNED_IN = {
    "school_coordinator": {"role": Role.SCHOOL_COORDINATOR},
    "forum_member": {"role": Role.FORUM_MEMBER},
}
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?\w+>")
REGEX_GROUP = re.compile(r"\((?:[^()]|\([^()]*\))*\)[*+?]?")


def concrete(route: str) -> str:
    """A URL that the route matches: path converters get a sample value, regex groups and anchors are dropped."""
    route = PARAMETER.sub(lambda match: "1" if match["converter"] in ("int", "id") else "x", route)
    route = REGEX_GROUP.sub("", route).replace("^", "").replace("$", "").replace("\\", "")
    return "/" + route


def routes(patterns=None, prefix: str = ""):
    """Every URL pattern of the site as a concrete URL, in Indonesian and under the English prefix."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield concrete(route)


def every_route() -> list[str]:
    """Every pattern of the resolver in both languages, and the routes Wagtail pages answer themselves."""
    found = set()
    for language in ("id", "en"):
        with translation.override(language):
            found.update(routes())
    found.update(entry.url.split("?")[0] for entry in PAGE_ENTRIES.values())
    return sorted(found)


def staff_pages(role: str) -> list[str]:
    """The admin and staff pages this role reaches signed in, where an anonymous visitor is sent to sign in."""
    entries = {**MATRIX, **ADMIN_ENTRIES}.values()
    return [
        entry.url
        for entry in entries
        if entry.url.startswith(("/admin/", "/staf/"))
        and entry.status_for(role) == OK
        and entry.status_for("anonymous") == LOGIN
    ]


def credentials(user) -> dict[str, str]:
    """The field names any sign-in form of Django, Wagtail or allauth reads."""
    return {"login": user.email, "email": user.email, "username": user.username, "password": PASSWORD}


def post_password_everywhere(user) -> dict[str, Client]:
    """Post the password to every route, each with a fresh client; the clients a route signed in, by route."""
    signed_in: dict[str, Client] = {}
    for url in every_route():
        client = Client(raise_request_exception=False)
        logins: list[str] = []

        def note(sender, request, user, **kwargs):
            logins.append(resolve(request.path_info).view_name)  # noqa: B023

        user_logged_in.connect(note)
        try:
            client.post(url, credentials(user))
        finally:
            user_logged_in.disconnect(note)
        if logins:
            signed_in[url] = client
    return signed_in


def reached(client: Client, pages: list[str]) -> list[str]:
    return [page for page in pages if client.get(page).status_code == HTTPStatus.OK]


def test_the_walk_finds_the_sign_in_routes_of_django_wagtail_and_allauth():
    found = every_route()
    for url in ("/akun/login/", "/en/akun/login/", "/admin/login/", "/_util/login/", "/admin/password_reset/"):
        assert url in found, url


@pytest.mark.parametrize("role", sorted(MFA_STAFF))
def test_a_password_alone_signs_staff_in_nowhere(home, make_user, role):
    user = make_user(**MFA_STAFF[role])
    signed_in = post_password_everywhere(user)
    assert signed_in == {}, f"signed in by a password alone at {sorted(signed_in)}"


@pytest.mark.parametrize("role", sorted(OTHER_SIGNED_IN))
def test_only_allauths_sign_in_signs_anyone_in(home, make_user, role):
    user = make_user(**OTHER_SIGNED_IN[role])
    signed_in = post_password_everywhere(user)
    assert set(signed_in) == {"/akun/login/", "/en/akun/login/"}


@pytest.mark.parametrize("role", sorted(MFA_STAFF))
def test_staff_without_totp_signed_in_by_password_reach_only_the_totp_set_up(home, make_user, role):
    user = make_user(**MFA_STAFF[role], mfa=False)
    signed_in = post_password_everywhere(user)
    assert set(signed_in) == {"/akun/login/", "/en/akun/login/"}
    client = signed_in["/akun/login/"]
    for page in staff_pages(role):
        response = client.get(page)
        assert response.status_code == HTTPStatus.FOUND, page
        assert "/akun/2fa/totp/activate/" in response["Location"], page


@pytest.mark.parametrize("role", sorted(MFA_STAFF))
def test_a_session_signed_in_without_the_totp_step_reaches_no_staff_page(home, make_user, role):
    """Django's own ``login()`` (what any login view outside allauth calls) is signed out at the next request."""
    user = make_user(**MFA_STAFF[role])
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    pages = staff_pages(role)
    assert pages
    assert reached(client, pages) == []
    response = client.get(pages[0])
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith("/akun/login/")
    assert "_auth_user_id" not in client.session


@pytest.fixture
def matrix_content(request, home):
    """What the staff pages of the permission matrix show: a survey, a consultation and Forum Anak groups."""
    request.getfixturevalue("make_survey")()
    request.getfixturevalue("make_consultation")("ktr")
    request.getfixturevalue("forum_groups")


@pytest.mark.parametrize("role", sorted(MFA_STAFF))
@pytest.mark.usefixtures("matrix_content")
def test_the_totp_step_opens_every_staff_page_of_the_role(make_user, role):
    user = make_user(**MFA_STAFF[role])
    client = Client()
    response = client.post("/akun/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"].startswith("/akun/2fa/authenticate/")
    pages = staff_pages(role)
    assert reached(client, pages) == []
    client.post("/akun/2fa/authenticate/", {"code": current_totp_code()})
    assert reached(client, pages) == pages


def test_setting_up_totp_after_a_password_sign_in_counts_as_passing_it(home, make_user):
    user = make_user(Role.FACILITATOR, mfa=False)
    client = Client()
    client.post("/akun/login/", {"login": user.email, "password": PASSWORD})
    response = client.get("/akun/2fa/totp/activate/")
    client.post(response["Location"], {"password": PASSWORD})
    client.get("/akun/2fa/totp/activate/")
    secret = client.session["mfa.totp.secret"]
    client.post("/akun/2fa/totp/activate/", {"code": current_totp_code(secret)})
    assert client.get("/admin/").status_code == HTTPStatus.OK
