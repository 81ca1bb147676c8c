"""One limit on guessing passwords and MFA codes and on sending reset mails, on every door the URL resolver has."""

import functools
import inspect
from http import HTTPStatus

import pytest
from allauth.account.views import LoginView as AllauthLoginView
from allauth.account.views import PasswordResetView as AllauthPasswordResetView
from allauth.account.views import ReauthenticateView
from allauth.mfa.base.views import AuthenticateView as MFAAuthenticateView
from allauth.mfa.base.views import ReauthenticateView as MFAReauthenticateView
from django.contrib.auth import authenticate
from django.contrib.auth.views import LoginView as DjangoLoginView
from django.contrib.auth.views import PasswordResetView as DjangoPasswordResetView
from django.core import mail
from django.urls import URLResolver, get_resolver, resolve, reverse

from cms.roles import Role
from tests.conftest import PASSWORD, current_totp_code

EMAIL = "staf@example.test"
# Ways the same account can be typed: the limit must count them all as one.
SPELLINGS = [EMAIL, "Staf@Example.TEST", f"  {EMAIL} ", "STAF@EXAMPLE.TEST"]
ACCOUNT_ATTEMPTS = 5


def doors(*view_classes: type, reachable: bool = True) -> list[str]:
    """Every URL name whose view is (a subclass of) one of ``view_classes``, found by walking the URL resolver.

    With ``reachable``, only those whose URL still reaches that view (``cms.urls`` shadows Wagtail's own sign-in and
    reset routes with redirects to allauth's pages).
    """
    found = []

    def walk(resolver: URLResolver) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern)
            elif issubclass(getattr(pattern.callback, "view_class", object), view_classes):
                found.append(pattern.name)

    walk(get_resolver())
    if reachable:
        found = [name for name in found if is_reachable(name, view_classes)]
    return sorted(set(found))


def is_reachable(name: str, view_classes: tuple[type, ...]) -> bool:
    return issubclass(getattr(resolve(reverse(name)).func, "view_class", object), view_classes)


def view_function(callback):
    """The function behind a URL pattern's callback: decorators unwrapped, a ``functools.partial`` (django-ninja's
    operations are) opened to the function it calls."""
    callback = inspect.unwrap(callback)
    while isinstance(callback, functools.partial):
        callback = inspect.unwrap(callback.func)
    return callback


def shared_password_doors() -> list[str]:
    """Every URL name whose view checks the shared password of a private page or document collection."""
    found = []

    def walk(resolver: URLResolver) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern)
            elif "PasswordViewRestrictionForm" in inspect.getsource(view_function(pattern.callback)):
                found.append(pattern.name)

    walk(get_resolver())
    return sorted(set(found))


PASSWORD_SIGN_IN_DOORS = doors(DjangoLoginView, AllauthLoginView)
SHARED_PASSWORD_DOORS = shared_password_doors()
RESET_DOORS = doors(DjangoPasswordResetView, AllauthPasswordResetView)


def test_the_resolver_finds_every_sign_in_and_reset_door():
    assert {"account_login", "wagtailadmin_login", "wagtailcore_login"} <= set(
        doors(DjangoLoginView, AllauthLoginView, reachable=False)
    )
    assert {"account_reset_password", "wagtailadmin_password_reset"} <= set(
        doors(DjangoPasswordResetView, AllauthPasswordResetView, reachable=False)
    )
    assert PASSWORD_SIGN_IN_DOORS == ["account_login"], "Wagtail's own sign-in routes lead to allauth's"
    assert RESET_DOORS == ["account_reset_password"], "Wagtail's own reset route leads to allauth's"
    assert doors(ReauthenticateView) == ["account_reauthenticate"]
    assert doors(MFAAuthenticateView, MFAReauthenticateView) == ["mfa_authenticate", "mfa_reauthenticate"]
    assert SHARED_PASSWORD_DOORS == ["wagtailcore_authenticate_with_password", "wagtaildocs_authenticate_with_password"]


def try_password(client, door: str, login: str, password: str):
    field = (
        "login" if issubclass(get_resolver().resolve(reverse(door)).func.view_class, AllauthLoginView) else "username"
    )
    return client.post(reverse(door), {field: login, "password": password})


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def staff(make_user):
    return make_user(Role.SCHOOL_COORDINATOR, email=EMAIL)


@pytest.mark.parametrize("door", PASSWORD_SIGN_IN_DOORS)
def test_after_five_wrong_passwords_on_any_door_the_right_one_is_refused_there(client, home, staff, door):
    for attempt in range(ACCOUNT_ATTEMPTS):
        try_password(client, door, SPELLINGS[attempt % len(SPELLINGS)], "salah-salah-salah")
    try_password(client, door, EMAIL, PASSWORD)
    assert not is_signed_in(client)


@pytest.mark.parametrize("door", PASSWORD_SIGN_IN_DOORS)
def test_wrong_passwords_checked_by_any_login_form_count_against_every_door(client, home, staff, door, rf):
    """What Django's and Wagtail's login forms do, ``authenticate()``, counts too: a door added later is covered."""
    for attempt in range(ACCOUNT_ATTEMPTS):
        request = rf.post("/", REMOTE_ADDR=f"10.9.0.{attempt + 1}")
        assert authenticate(request, username=SPELLINGS[attempt % len(SPELLINGS)], password="salah-salah") is None
    try_password(client, door, EMAIL, PASSWORD)
    assert not is_signed_in(client)


def test_allauth_sign_in_says_there_were_too_many_attempts(client, home, staff):
    for _ in range(ACCOUNT_ATTEMPTS):
        try_password(client, "account_login", EMAIL, "salah-salah")
    response = try_password(client, "account_login", EMAIL, PASSWORD)
    assert not is_signed_in(client)
    assert "Terlalu banyak" in response.content.decode() or "Too many" in response.content.decode()


def test_right_passwords_use_up_no_attempts(client, home, staff):
    for _ in range(ACCOUNT_ATTEMPTS + 2):
        try_password(client, "account_login", EMAIL, PASSWORD)
        assert is_signed_in(client)
        client.logout()


def test_one_client_address_is_limited_across_accounts(client, home, make_user):
    target = make_user(Role.SCHOOL_COORDINATOR, email="sasaran@example.test")
    for number in range(10):
        try_password(client, PASSWORD_SIGN_IN_DOORS[number % len(PASSWORD_SIGN_IN_DOORS)], f"x{number}@e.test", "salah")
    try_password(client, "account_login", target.email, PASSWORD)
    assert not is_signed_in(client)
    other_address = client.post(
        reverse("account_login"), {"login": target.email, "password": PASSWORD}, REMOTE_ADDR="10.1.2.3"
    )
    assert other_address.status_code == HTTPStatus.FOUND
    assert is_signed_in(client)


def test_re_authentication_counts_against_the_same_limit(client, home, staff):
    client.force_login(staff)
    for _ in range(ACCOUNT_ATTEMPTS):
        client.post(reverse("account_reauthenticate"), {"password": "salah-salah"})
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == HTTPStatus.OK
    assert "Terlalu banyak" in response.content.decode() or "Too many" in response.content.decode()


def test_the_mfa_code_step_is_limited_per_account(client, home, make_user):
    make_user(Role.FACILITATOR, email=EMAIL)
    response = client.post(reverse("account_login"), {"login": EMAIL, "password": PASSWORD})
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    for _ in range(ACCOUNT_ATTEMPTS):
        assert client.post(reverse("mfa_authenticate"), {"code": "000000"}).status_code == HTTPStatus.OK
    response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
    assert response.status_code == HTTPStatus.OK
    assert not is_signed_in(client)


def test_the_mfa_limit_follows_the_account_to_another_client_address(client, home, make_user):
    make_user(Role.FACILITATOR, email=EMAIL)
    for number in range(ACCOUNT_ATTEMPTS):
        address = f"10.0.0.{number + 1}"
        client.post(reverse("account_login"), {"login": EMAIL, "password": PASSWORD}, REMOTE_ADDR=address)
        client.post(reverse("mfa_authenticate"), {"code": "000000"}, REMOTE_ADDR=address)
    client.post(reverse("account_login"), {"login": EMAIL, "password": PASSWORD}, REMOTE_ADDR="10.0.1.1")
    client.post(reverse("mfa_authenticate"), {"code": current_totp_code()}, REMOTE_ADDR="10.0.1.1")
    assert not is_signed_in(client)


def test_the_mfa_code_asked_again_of_a_signed_in_account_is_limited_too(client, home, make_user):
    client.force_login(make_user(Role.FACILITATOR, email=EMAIL))
    assert client.get(reverse("mfa_reauthenticate")).status_code == HTTPStatus.OK
    for _ in range(ACCOUNT_ATTEMPTS):
        assert client.post(reverse("mfa_reauthenticate"), {"code": "000000"}).status_code == HTTPStatus.OK
    assert client.post(reverse("mfa_reauthenticate"), {"code": current_totp_code()}).status_code == HTTPStatus.OK


def test_twelve_reset_requests_to_one_address_send_at_most_three_mails_whatever_the_door(client, home, staff):
    statuses = []
    for attempt in range(12):
        door = RESET_DOORS[attempt % len(RESET_DOORS)]
        statuses.append(client.post(reverse(door), {"email": SPELLINGS[attempt % len(SPELLINGS)]}).status_code)
    assert 1 <= len(mail.outbox) <= 3
    assert statuses.count(HTTPStatus.TOO_MANY_REQUESTS) >= 12 - 3


@pytest.mark.parametrize("door", RESET_DOORS)
def test_each_reset_door_is_limited_per_address(client, home, staff, door):
    responses = [client.post(reverse(door), {"email": SPELLINGS[n % len(SPELLINGS)]}) for n in range(6)]
    assert len(mail.outbox) == 3
    assert responses[-1].status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Terlalu banyak percobaan" in responses[-1].content.decode()


@pytest.mark.parametrize("door", RESET_DOORS)
def test_each_reset_door_is_limited_per_client_address(client, home, door):
    responses = [client.post(reverse(door), {"email": f"orang{n}@example.test"}) for n in range(21)]
    assert responses[-1].status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert all(response.status_code == HTTPStatus.FOUND for response in responses[:20])


SHARED_PASSWORD = "kelas-5b-rahasia"


@pytest.fixture(params=SHARED_PASSWORD_DOORS)
def shared_password_door(request, home) -> str:
    """The URL where the shared password of a private page (or document collection) is typed."""
    if request.param == "wagtailcore_authenticate_with_password":
        from wagtail.models import PageViewRestriction

        restriction = PageViewRestriction.objects.create(
            page=home, restriction_type=PageViewRestriction.PASSWORD, password=SHARED_PASSWORD
        )
        return reverse(request.param, args=[restriction.pk, home.pk])
    from wagtail.models import Collection, CollectionViewRestriction

    restriction = CollectionViewRestriction.objects.create(
        collection=Collection.get_first_root_node(),
        restriction_type=CollectionViewRestriction.PASSWORD,
        password=SHARED_PASSWORD,
    )
    return reverse(request.param, args=[restriction.pk])


def guess(client, door: str, password: str, address: str = "127.0.0.1"):
    return client.post(door, {"password": password, "return_url": "/"}, REMOTE_ADDR=address)


def test_shared_passwords_are_limited_per_client_address(client, shared_password_door):
    for _ in range(10):
        assert guess(client, shared_password_door, "salah").status_code == HTTPStatus.OK
    refused = guess(client, shared_password_door, SHARED_PASSWORD)
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Terlalu banyak percobaan" in refused.content.decode()
    assert guess(client, shared_password_door, SHARED_PASSWORD, "10.5.5.5").status_code == HTTPStatus.FOUND


def test_shared_passwords_are_limited_per_restriction_from_many_addresses(client, shared_password_door):
    for number in range(30):
        guess(client, shared_password_door, "salah", f"10.6.{number // 200}.{number % 200 + 1}")
    assert guess(client, shared_password_door, SHARED_PASSWORD, "10.7.0.1").status_code == (
        HTTPStatus.TOO_MANY_REQUESTS
    )


def test_a_whole_class_typing_the_right_shared_password_from_one_address_is_let_in(client, shared_password_door):
    for _ in range(40):
        assert guess(client, shared_password_door, SHARED_PASSWORD).status_code == HTTPStatus.FOUND
