from http import HTTPStatus

import pytest

from cms.roles import Role
from tests.conftest import PASSWORD, current_totp_code


@pytest.mark.parametrize(
    ("role", "superuser"), [(Role.FACILITATOR, False), (Role.OFFICIAL, False), (None, True)], ids=str
)
def test_staff_without_mfa_are_sent_to_totp_setup_before_the_admin(client, make_user, role, superuser):
    client.force_login(make_user(role, superuser=superuser, mfa=False))
    for path in ["/admin/", "/admin/pages/", "/staf/", "/en/staf/"]:
        response = client.get(path)
        assert response.status_code == HTTPStatus.FOUND, path
        assert "/akun/2fa/totp/activate/?next=" in response["Location"], path


def sign_in(client, user) -> None:
    """Sign in with the password, then confirm it again as allauth asks before MFA set-up."""
    response = client.post("/akun/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == HTTPStatus.FOUND
    response = client.get("/akun/2fa/totp/activate/")
    assert response["Location"].startswith("/akun/reauthenticate/")
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response.status_code == HTTPStatus.FOUND


def test_totp_setup_page_is_reachable_and_in_indonesian(client, make_user, home):
    sign_in(client, make_user(Role.FACILITATOR, mfa=False))
    response = client.get("/akun/2fa/totp/activate/")
    assert response.status_code == HTTPStatus.OK
    assert "Autentikator" in response.content.decode() or "autentikator" in response.content.decode()


def test_facilitator_with_mfa_reaches_the_admin(client, make_user):
    client.force_login(make_user(Role.FACILITATOR))
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_school_coordinators_are_not_forced_to_use_mfa(client, make_user):
    client.force_login(make_user(Role.SCHOOL_COORDINATOR, mfa=False))
    response = client.get("/admin/")
    assert not response.get("Location", "").startswith("/akun/2fa/")


def test_sign_in_asks_for_the_totp_code_then_lets_the_facilitator_in(client, make_user, home):
    make_user(Role.FACILITATOR, email="fasil@example.test")
    response = client.post("/akun/login/", {"login": "fasil@example.test", "password": PASSWORD})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith("/akun/2fa/authenticate/")
    assert client.get("/admin/").status_code == HTTPStatus.FOUND

    wrong = client.post("/akun/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == HTTPStatus.OK
    response = client.post("/akun/2fa/authenticate/", {"code": current_totp_code()})
    assert response.status_code == HTTPStatus.FOUND
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_recovery_codes_are_generated_with_totp(client, make_user, home):
    from allauth.mfa.models import Authenticator

    user = make_user(Role.FACILITATOR, mfa=False)
    sign_in(client, user)
    assert client.get("/admin/")["Location"].startswith("/akun/2fa/totp/activate/")
    assert client.get("/akun/2fa/totp/activate/").status_code == HTTPStatus.OK
    secret = client.session["mfa.totp.secret"]
    response = client.post("/akun/2fa/totp/activate/", {"code": current_totp_code(secret)})
    assert response.status_code == HTTPStatus.FOUND
    kinds = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    assert kinds == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}


def test_failed_sign_ins_are_rate_limited_per_account(client, make_user, home):
    make_user(Role.OFFICIAL, email="pejabat@example.test")
    for _ in range(5):
        client.post("/akun/login/", {"login": "pejabat@example.test", "password": "salah-salah"})
    response = client.post("/akun/login/", {"login": "pejabat@example.test", "password": PASSWORD})
    assert response.status_code in {HTTPStatus.OK, HTTPStatus.TOO_MANY_REQUESTS}
    assert "_auth_user_id" not in client.session


def test_staff_sessions_expire_after_eight_hours(client, make_user, home):
    make_user(Role.SCHOOL_COORDINATOR, email="koor@example.test")
    client.post("/akun/login/", {"login": "koor@example.test", "password": PASSWORD})
    assert "_auth_user_id" in client.session
    assert client.session.get_expiry_age() == 8 * 3600
