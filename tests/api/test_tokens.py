"""Officials make and revoke their own API tokens in the staff pages: shown once, stored hashed, audit-logged."""

from http import HTTPStatus

import pytest
from wagtail.models import ModelLogEntry

from api.models import ApiToken
from cms.roles import Role
from cms.vocabulary import AuditAction
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


def test_a_new_token_is_shown_once_and_works(client, official):
    client.force_login(official)
    response = client.post("/staf/api/token/", {"name": "Portal Satu Data"})
    assert response.status_code == HTTPStatus.OK
    raw = response.context["raw"]
    assert raw and raw in response.content.decode()
    assert raw not in client.get("/staf/api/token/").content.decode(), "shown only on the page that made it"
    client.logout()
    answer = client.get("/api/v1/official/whoami", **bearer(raw))
    assert answer.status_code == HTTPStatus.OK and answer.json()["name"] == "Portal Satu Data"


def test_making_and_revoking_a_token_is_audit_logged(client, official):
    client.force_login(official)
    client.post("/staf/api/token/", {"name": "Portal Satu Data"})
    token = ApiToken.objects.get()
    response = client.post(f"/staf/api/token/{token.pk}/cabut/")
    assert response.status_code == HTTPStatus.FOUND
    token.refresh_from_db()
    assert token.revoked_at is not None
    entries = ModelLogEntry.objects.for_instance(token).order_by("timestamp")
    assert [(entry.action, entry.user_id) for entry in entries] == [
        (AuditAction.API_TOKEN_CREATE, official.pk),
        (AuditAction.API_TOKEN_REVOKE, official.pk),
    ]


def test_nobody_revokes_another_officials_token(client, official, make_user):
    token, _raw = ApiToken.issue(official, "Punya pejabat")
    client.force_login(make_user(Role.FACILITATOR))
    assert client.post(f"/staf/api/token/{token.pk}/cabut/").status_code == HTTPStatus.NOT_FOUND
    token.refresh_from_db()
    assert token.revoked_at is None
    assert "Punya pejabat" not in client.get("/staf/api/token/").content.decode()


def test_a_token_without_a_name_is_refused_with_a_message(client, official):
    client.force_login(official)
    response = client.post("/staf/api/token/", {"name": ""})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.context["raw"] is None and not ApiToken.objects.exists()
    [message] = response.context["form"].errors["name"]
    assert message in response.content.decode()


@pytest.mark.parametrize("role", [Role.FORUM_MEMBER, Role.SCHOOL_COORDINATOR])
def test_roles_that_do_not_read_city_results_make_no_token(client, make_user, role):
    client.force_login(make_user(role))
    assert client.post("/staf/api/token/", {"name": "x"}).status_code == HTTPStatus.FORBIDDEN
    assert not ApiToken.objects.exists()
