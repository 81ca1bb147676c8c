from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from cms.roles import GRANTS, Role
from tests.forum.conftest import consultation_index, forum_groups, make_consultation  # noqa: F401
from tests.permissions_matrix import ADMIN_ENTRIES, LOGIN, MATRIX, PAGE_ENTRIES, ROLES
from tests.permissions_matrix_docs import render_markdown
from tests.surveys.conftest import make_survey, survey_index  # noqa: F401

DOCS = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
WAGTAIL_AREAS = ("admin/", "documents/")
ROLE_USERS = {
    "forum_member": {"role": Role.FORUM_MEMBER},
    "school_coordinator": {"role": Role.SCHOOL_COORDINATOR},
    "official": {"role": Role.OFFICIAL},
    "facilitator": {"role": Role.FACILITATOR},
    "administrator": {"superuser": True},
}


def url_names(patterns, prefix: str = "", namespace: str | None = None):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            yield from url_names(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and not route.startswith(WAGTAIL_AREAS) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_of_the_site_has_a_decision_in_the_matrix():
    undecided = sorted(set(url_names(get_resolver().url_patterns)) - set(MATRIX))
    assert undecided == [], "add these URL names to tests/permissions_matrix.py"


def test_the_documented_matrix_is_the_tested_matrix():
    assert DOCS.read_text(encoding="utf-8") == render_markdown(), "run: python -m tests.permissions_matrix_docs"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.usefixtures("forum_groups", "sections")
def test_each_role_gets_the_decided_status_everywhere(request, client, home, make_user, role: str):
    request.getfixturevalue("make_survey")()
    request.getfixturevalue("make_consultation")("ktr")
    if role != "anonymous":
        spec = ROLE_USERS[role]
        user = make_user(spec.get("role"), superuser=spec.get("superuser", False))
        if "role" in spec:
            assert user.get_all_permissions() == GRANTS[spec["role"]], "the matrix tests the roles cms.roles declares"
        client.force_login(user)
    mismatches = []
    for name, entry in {**MATRIX, **PAGE_ENTRIES, **ADMIN_ENTRIES}.items():
        response = client.get(entry.url)
        expected = entry.status_for(role)
        location = response.get("Location", "")
        if expected == LOGIN:
            matches = response.status_code == 302 and "/akun/login/" in location
        else:
            matches = response.status_code == expected
        if not matches:
            mismatches.append(f"{name} {entry.url}: expected {expected}, got {response.status_code} {location}")
    assert not mismatches, "\n".join(mismatches)
