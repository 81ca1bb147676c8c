"""Hostile input on every URL of the site gets a 2xx, 3xx or 4xx answer, never a server error.

The URLs come from the URL resolver: every pattern (the i18n ones also under ``/en/``) and, for Wagtail's page
route, every live page of the demo content with its routable sub-pages. Each pattern's parameters get hostile
values; each URL gets every query key its views read (recorded while a plain GET is served, plus the filter
forms' fields) set to hostile values, and hostile POST bodies (form-encoded, multipart, UTF-16, JSON, plain text,
a file part). Anonymous visitors try every URL; each signed-in role tries the URLs behind a sign-in that it can
reach (administrators: Wagtail's admin).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus

import pytest
from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from cms.roles import Role
from surveys.forms import ExportFilterForm
from surveys.results.forms import ResultFilterForm
from tests.forum.conftest import consultation_index, forum_groups, make_consultation  # noqa: F401
from tests.permissions_matrix import FORBIDDEN, LOGIN, MATRIX, ROLES
from tests.security.public_forms import PUBLIC_FORMS
from tests.surveys.conftest import make_survey, survey_index  # noqa: F401

NUL = "%00"
SURROGATE = "%ED%A0%80"
# Already percent-encoded: they go into a path segment or a query as they are.
HOSTILE_SEGMENTS = (
    NUL,
    f"a{NUL}b",
    SURROGATE,
    "%FF%FE",
    "1" + "0" * 30,
    "-1",
    "a" * 3000,
    "..%2F..%2Fetc%2Fpasswd",
    "%F0%9F%98%80%C3%BC",
    "%25",
)
# Wagtail's choosers fail with a server error on a row id that is not a number (a Wagtail bug): its admin
# gets the values the guard refuses and the numbers, not free text.
ADMIN_SEGMENTS = (NUL, f"a{NUL}b", "1" + "0" * 30, "-1", "..%2F..%2Fetc%2Fpasswd")
HOSTILE_QUERY_VALUES = (
    NUL,
    f"x{NUL}",
    SURROGATE,
    "%FF",
    "1" + "0" * 30,
    "-1",
    "x" * 5000,
    "..%2F..%2Fetc%2Fpasswd",
    "%F0%9F%98%80",
    "9999-99-99",
)
# Keys the views read without a form, and the filter forms' fields; the rest are recorded while serving.
STATIC_QUERY_KEYS = {
    "q",
    "tema",
    "halaman",
    "tren",
    "survei",
    "kode",
    "terkirim",
    "perangkat",
    "next",
    "p",
    "ordering",
    *ResultFilterForm.base_fields,
    *ExportFilterForm.base_fields,
}
POST_KEYS = sorted({"csrfmiddlewaretoken", *(name for form in PUBLIC_FORMS for name in form.fields)})
ROLE_USERS = {
    "forum_member": {"role": Role.FORUM_MEMBER},
    "school_coordinator": {"role": Role.SCHOOL_COORDINATOR},
    "official": {"role": Role.OFFICIAL},
    "facilitator": {"role": Role.FACILITATOR},
    "administrator": {"superuser": True},
}
WAGTAIL_AREAS = ("admin/", "documents/")
# POSTing these would end the session the rest of the sweep runs in.
SESSION_ENDING = {"account_logout"}
# The matrix's coordinator has no school; the sweep's has one, so these open for them.
REACHED_WITH_A_SCHOOL = {"results:school": ["school_coordinator"]}
# Wagtail's page that raises on purpose, so administrators can see how a server error is reported.
DELIBERATE_ERRORS = {"wagtailadmin_error_test"}


@dataclass(frozen=True)
class Route:
    """One URL pattern: ``template`` has ``{0}``, ``{1}``... where its parameters go."""

    name: str
    template: str
    parameters: tuple[str, ...]
    deep: bool = True

    def url(self, values: list[str]) -> str:
        return "/" + self.template.format(*values)


def route_template(pattern) -> tuple[str, tuple[str, ...]]:
    """A pattern as a format string with one slot per parameter, and the parameters' names."""
    text = str(pattern.pattern)
    if isinstance(pattern.pattern, RegexPattern):
        return regex_template(text)
    names = []

    def slot(match: re.Match) -> str:
        names.append(match.group(2))
        return "{" + str(len(names) - 1) + "}"

    return re.sub(r"<(?:(\w+):)?(\w+)>", slot, text.replace("{", "{{").replace("}", "}}")), tuple(names)


def regex_template(text: str) -> tuple[str, tuple[str, ...]]:
    """``^(?P<key>[-:\\w]+)/$`` -> ``{0}/``: every top-level group becomes a slot, escapes are dropped."""
    text = text.removeprefix("^").removesuffix("$").replace("\\Z", "")
    out, names, index = [], [], 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            out.append(text[index + 1])
            index += 2
        elif char == "(":
            depth, end = 0, index
            while True:
                if text[end] == "\\":
                    end += 2
                    continue
                depth += {"(": 1, ")": -1}.get(text[end], 0)
                if depth == 0:
                    break
                end += 1
            name = re.match(r"\(\?P<(\w+)>", text[index:])
            names.append(name.group(1) if name else f"group{len(names)}")
            out.append("{" + str(len(names) - 1) + "}")
            index = end + 1
            if index < len(text) and text[index] in "*+?":
                index += 1
        else:
            out.append(char.replace("{", "{{").replace("}", "}}"))
            index += 1
    return "".join(out), tuple(names)


def walk(patterns, prefix: str = "", namespace: str = "", in_i18n: bool = False) -> Iterator[tuple[str, object, bool]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            if isinstance(pattern.pattern, LocalePrefixPattern):
                yield from walk(pattern.url_patterns, prefix, inner, True)
            else:
                template, names = route_template(pattern)
                for name, child, i18n in walk(pattern.url_patterns, "", inner, in_i18n):
                    yield name, (template, names, child), i18n
        elif isinstance(pattern, URLPattern):
            name = (
                f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or str(pattern.pattern))
            )
            yield name, pattern, in_i18n


def flatten(node) -> tuple[str, tuple[str, ...]]:
    if isinstance(node, tuple):
        template, names, child = node
        child_template, child_names = flatten(child)
        offset = len(names)
        shifted = re.sub(r"\{(\d+)\}", lambda match: "{" + str(int(match.group(1)) + offset) + "}", child_template)
        return template + shifted, names + child_names
    return route_template(node)


def resolver_routes() -> list[Route]:
    """Every pattern of the URL resolver; the i18n ones twice, unprefixed (Indonesian) and under ``/en/``.

    ``deep`` is off for Wagtail's own admin and for the ``/en/`` copies of views already swept in Indonesian.
    """
    routes = []
    for name, node, i18n in walk(get_resolver().url_patterns):
        template, names = flatten(node)
        deep = not template.startswith(WAGTAIL_AREAS)
        routes.append(Route(name, template, names, deep))
        if i18n:
            routes.append(Route(name, "en/" + template, names, deep=False))
    return routes


def page_routes() -> list[Route]:
    """Every live page, and every routable sub-page under it, as served by ``wagtail_serve`` (deep in Indonesian)."""
    routes = []
    for page in Page.objects.live().specific():
        if page.url is None:
            continue
        base = page.url.lstrip("/")
        deep = not base.startswith("en/")
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_subpage_urls():
                template, names = route_template(pattern)
                name = f"page {page.slug} {pattern.name}"
                routes.append(Route(name, base.replace("{", "{{") + template, names, deep))
        else:
            routes.append(Route(f"page {page.slug}", base.replace("{", "{{"), (), deep))
    return routes


@pytest.fixture
def site(request, home, make_user, school):
    """The demo sections, campaigns and stories, Forum Anak groups, a survey, a consultation and a user per role."""
    from cms.demo import seed_campaigns_and_stories, seed_sections

    seed_campaigns_and_stories(seed_sections(home))
    request.getfixturevalue("forum_groups")
    survey = request.getfixturevalue("make_survey")()
    request.getfixturevalue("make_consultation")("ktr")
    users = {}
    for role, spec in ROLE_USERS.items():
        fields = {"school": school} if role == "school_coordinator" else {}
        users[role] = make_user(spec.get("role"), superuser=spec.get("superuser", False), **fields)
    plausible = {
        "survey_id": str(survey.pk),
        "page_id": str(survey.pk),
        "school_id": str(school.pk),
        "number": "1",
        "file_format": "csv",
        "code": "64.71",
    }
    return users, plausible


def plausible_value(parameter: str, plausible: dict[str, str]) -> str:
    """A value that lets the request reach the view (the real survey, school, region); 999999 elsewhere."""
    return plausible.get(parameter, "999999")


def reaching_roles(route: Route) -> list[str]:
    """The signed-in roles that get past a door anonymous visitors cannot: from the permissions matrix, and
    administrators for Wagtail's admin. Pages and public views are swept as anonymous, which reaches them all."""
    if route.name.startswith("page ") or route.name == "wagtail_serve":
        return []
    entry = MATRIX.get(route.name)
    if entry is None:
        return ["administrator"]
    if entry.status_for("anonymous") not in (LOGIN, FORBIDDEN):
        return []
    roles = [role for role in ROLES if role != "anonymous" and entry.status_for(role) not in (LOGIN, FORBIDDEN)]
    return roles + REACHED_WITH_A_SCHOOL.get(route.name, [])


class RecordedKeys:
    """Records every key a view reads from a QueryDict while serving a request."""

    def __init__(self, monkeypatch):
        self.keys: set[str] = set()
        for method in ("__getitem__", "get", "getlist", "__contains__"):
            original = getattr(QueryDict, method)
            monkeypatch.setattr(QueryDict, method, self.recording(original))

    def recording(self, original):
        def method(query_dict, key, *args, **kwargs):
            if isinstance(key, str):
                self.keys.add(key)
            return original(query_dict, key, *args, **kwargs)

        return method


def multipart(fields: dict[str, bytes], *, charset: str = "", file: bool = False) -> tuple[bytes, str]:
    boundary = b"fuzzboundary"
    parts = []
    for key, value in fields.items():
        parts.append(
            b'--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (boundary, key.encode(), value)
        )
    if file:
        parts.append(
            b'--%s\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n'
            b"Content-Type: application/octet-stream\r\n\r\n%s\r\n" % (boundary, b"\x00" * 1000)
        )
    body = b"".join(parts) + b"--%s--\r\n" % boundary
    content_type = f"multipart/form-data; boundary={boundary.decode()}" + (f"; charset={charset}" if charset else "")
    return body, content_type


def post_bodies(keys: list[str], *, deep: bool) -> Iterator[tuple[bytes, str]]:
    """Hostile POST bodies: hostile values in every key, odd charsets, wrong content types, an unwanted file.

    ``deep`` adds the bodies the request guard lets through to the view (huge numbers, long text, a file part,
    a truncated multipart body, JSON, plain text); Wagtail's admin views fail on some of them (a missing field is
    a KeyError there), so only this project's views get them.
    """
    for value in (NUL, SURROGATE, "1" + "0" * 30, "x" * 5000) if deep else (NUL,):
        yield "&".join(f"{key}={value}" for key in keys).encode(), "application/x-www-form-urlencoded"
    yield f"{NUL}={NUL}&{SURROGATE}=1".encode(), "application/x-www-form-urlencoded"
    yield multipart(dict.fromkeys(keys, b"\x00\xed\xa0\x80"))
    yield multipart(dict.fromkeys(keys, "ok".encode("utf-16")), charset="utf-16")
    yield "q=rokok&login=a".encode("utf-16"), "application/x-www-form-urlencoded; charset=utf-16"
    yield b"q=rokok", "application/x-www-form-urlencoded; charset=x-bukan-charset"
    if deep:
        yield multipart({"action": b"next"}, file=True)
        yield multipart({"action": b"next"})[0][:40], "multipart/form-data; boundary=fuzzboundary"
        yield b'{"q": "\\u0000", "text": "\\ud800"}', "application/json"
        yield b"\x00\xff\xfe text", "text/plain"


def sweep(client, route: Route, plausible: dict[str, str], recorder: RecordedKeys, *, post: bool) -> list[str]:
    """Send every hostile request for one route; return the ones answered with a server error.

    Wagtail's own admin views get every hostile path value and every request the guard must refuse (NUL,
    surrogates, odd charsets, files, broken bodies); the values that pass the guard (huge numbers, long text,
    wrong content types) are sent to this project's views, whose forms are ours to keep sound.
    """
    failures = []
    deep = route.deep

    def check(response, method: str, url: str, detail: str = "") -> None:
        if response.status_code >= HTTPStatus.INTERNAL_SERVER_ERROR:
            failures.append(f"{response.status_code} {method} {url[:160]} {detail[:80]}")

    admin = route.template.startswith(WAGTAIL_AREAS)
    values = ["999999" if admin else plausible_value(name, plausible) for name in route.parameters]
    url = route.url(values)
    recorder.keys.clear()
    check(client.get(url), "GET", url)
    keys = sorted(STATIC_QUERY_KEYS | recorder.keys)
    for value in (HOSTILE_SEGMENTS if deep else ADMIN_SEGMENTS) if route.parameters else ():
        hostile_url = route.url([value] * len(route.parameters))
        check(client.get(hostile_url), "GET", hostile_url)
    for value in HOSTILE_QUERY_VALUES if deep else (NUL, f"x{NUL}"):
        query = "&".join(f"{key}={value}" for key in keys) + f"&{value}={value}"
        check(client.get(f"{url}?{query}"), "GET", f"{url}?{query}")
    check(client.get(f"{url}?q=rokok", CONTENT_TYPE="text/plain; charset=utf-16"), "GET utf-16", url)
    if post:
        for body, content_type in post_bodies(sorted(set(POST_KEYS) | set(keys)), deep=deep):
            check(client.generic("POST", url, body, content_type), "POST", url, content_type)
    return failures


def test_every_route_is_found_by_the_walk(site):
    names = {route.name for route in resolver_routes() + page_routes()}
    assert {"search", "forum:group_detail", "results:report", "wagtail_serve", "wagtailadmin_home"} <= names
    assert {"page survei-uji section", "page kampanye", "page cerita feed"} <= names


@pytest.mark.parametrize("role", ["anonymous", *ROLE_USERS])
def test_hostile_requests_never_give_a_server_error(site, client, monkeypatch, role):
    users, plausible = site
    client.raise_request_exception = False
    recorder = RecordedKeys(monkeypatch)
    routes = [
        route
        for route in resolver_routes() + page_routes()
        if route.name not in DELIBERATE_ERRORS and (role == "anonymous" or role in reaching_roles(route))
    ]
    assert routes
    failures = []
    for route in routes:
        if role != "anonymous":
            client.force_login(users[role])
        failures += sweep(client, route, plausible, recorder, post=route.name not in SESSION_ENDING)
    assert not failures, "\n".join(failures)
