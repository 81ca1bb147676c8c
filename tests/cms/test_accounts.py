from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from cms.roles import Role
from cms.viewsets import SuaraUserCreationForm


def test_roles_exist_as_groups_created_by_migration(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {role.value for role in Role}


def test_only_facilitators_officials_and_forum_members_among_roles_reach_the_wagtail_admin(client, make_user):
    for role, expected in [
        (Role.FACILITATOR, HTTPStatus.OK),
        (Role.OFFICIAL, HTTPStatus.OK),
        (Role.SCHOOL_COORDINATOR, HTTPStatus.FOUND),
        (Role.FORUM_MEMBER, HTTPStatus.OK),
    ]:
        user = make_user(role)
        client.force_login(user)
        assert client.get("/admin/").status_code == expected, role
        client.logout()


def test_staff_sign_in_with_email_and_password(client, make_user, home):
    user = make_user(Role.SCHOOL_COORDINATOR, email="koor@example.test")
    response = client.post("/akun/login/", {"login": "KOOR@example.test", "password": "Sandi-Kuat-2026!"})
    assert response.status_code == HTTPStatus.FOUND
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_shows_an_indonesian_error(client, make_user, home):
    make_user(Role.FACILITATOR, email="fasil@example.test")
    response = client.post("/akun/login/", {"login": "fasil@example.test", "password": "salah"})
    assert response.status_code == HTTPStatus.OK
    assert "tidak benar" in response.content.decode()


def test_public_sign_up_is_closed(client, home):
    response = client.post(
        "/akun/signup/",
        {"email": "anak@example.test", "password1": "Sandi-Kuat-2026!", "password2": "Sandi-Kuat-2026!"},
    )
    assert "ditutup" in response.content.decode().lower()
    from cms.models import User

    assert not User.objects.filter(email="anak@example.test").exists()


def test_password_reset_sends_an_email(client, make_user, home):
    make_user(Role.OFFICIAL, email="pejabat@example.test")
    response = client.post("/akun/password/reset/", {"email": "pejabat@example.test"})
    assert response.status_code == HTTPStatus.FOUND
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["pejabat@example.test"]
    assert "/akun/password/reset/key/" in mail.outbox[0].body


def test_admin_redirects_to_the_sign_in_page(client, db):
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith("/akun/login/")


@pytest.mark.parametrize("with_school", [False, True])
def test_a_school_coordinator_must_be_tied_to_a_school(school, with_school):
    form = SuaraUserCreationForm(
        data={
            "username": "koor@example.test",
            "email": "koor@example.test",
            "first_name": "Koor",
            "last_name": "Uji",
            "groups": [Group.objects.get(name=Role.SCHOOL_COORDINATOR.value).pk],
            "school": school.pk if with_school else "",
        }
    )
    assert form.is_valid() is with_school, form.errors
    if with_school:
        assert form.save().school == school
    else:
        assert "school" in form.errors


def test_emails_are_unique_regardless_of_case(make_user):
    from django.db import IntegrityError

    make_user(email="Sama@example.test")
    with pytest.raises(IntegrityError):
        make_user(email="sama@EXAMPLE.test")


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        (Role.SCHOOL_COORDINATOR, "/staf/survei/"),
        (Role.FACILITATOR, "/admin/"),
        (Role.OFFICIAL, "/admin/"),
        (Role.FORUM_MEMBER, "/admin/"),
        (None, "/"),
    ],
)
def test_signing_in_lands_each_role_where_it_can_work(client, make_user, home, school, role, landing):
    """A coordinator has no Wagtail admin: sending them there after sign-in looped back to the sign-in page."""
    user = make_user(role, mfa=False, school=school if role == Role.SCHOOL_COORDINATOR else None)
    response = client.post("/akun/login/", {"login": user.email, "password": "Sandi-Kuat-2026!"})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == landing
    assert client.get("/akun/login/")["Location"] == landing, "the sign-in page sends a signed-in user there too"
