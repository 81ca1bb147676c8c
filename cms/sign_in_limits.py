"""The one limit on guessing passwords and on sending password-reset mails, whichever door is used.

Both are allauth's own limits (``ACCOUNT_RATE_LIMITS``): ``login_failed`` for sign-ins and ``reset_password`` for
reset mails, each counted per client address and per account. allauth's pages are the only sign-in and reset
doors (``cms.urls`` sends Wagtail's there), and every password check passes ``cms.auth_backends.RateLimitedBackend``,
so a sign-in form added later counts against the same counter. Shared passwords on private pages and document collections (Wagtail's
privacy settings) are guessed at their own door and counted by ``PasswordRestrictionLimitMiddleware`` under
``restriction_password``, per client address and per restriction. The account is named by its e-mail address or user name, without
surrounding spaces and in lower case, so ``" Staf@Example.test"`` and ``"staf@example.test"`` are one account.

The counters live in the default cache; while Redis is unreachable that is this process's memory
(``cms.cache``), so sign-in keeps working and the limits still hold per process.
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus

from allauth.core.internal import ratelimit
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail import views as wagtail_views
from wagtail.documents.views import serve as document_views

APP = "allauth.account"
SIGN_IN = "login_failed"
RESET = "reset_password"
RESTRICTION = "restriction_password"
# The views that take the shared password of a private page or document collection, and their restriction's id.
RESTRICTION_PASSWORD_VIEWS = {
    wagtail_views.authenticate_with_password: "page_view_restriction_id",
    document_views.authenticate_with_password: "restriction_id",
}


def account_key(login: object) -> str:
    """The account an attempt is aimed at, the same however its address or name is typed."""
    return str(login or "").strip().lower()


def consume_sign_in(request: HttpRequest | None, login: object) -> ratelimit.RateLimitUsage | None:
    """Count one password attempt against ``login``: the usage (roll it back when the password was right), or
    ``None`` when the client or the account has used up its attempts. A check made without a request (a
    management command) comes from no outside client and is not counted."""
    if request is None:
        return ratelimit.RateLimitUsage(usage=[])
    return ratelimit.consume(request, app=APP, action=SIGN_IN, key=account_key(login))


def sign_in_refused(request: HttpRequest | None, login: object) -> bool:
    """Whether the next password attempt against ``login`` would be refused; counts nothing."""
    if request is None:
        return False
    return ratelimit.consume(request, app=APP, action=SIGN_IN, key=account_key(login), dry_run=True) is None


class PasswordRestrictionLimitMiddleware:
    """Limit wrong guesses of a private page's or document collection's shared password.

    Only wrong guesses count (a right one, answered with a redirect, gives its attempt back): a whole class may
    type the password its teacher gave out. Past the limit the guess is not checked and a 429 page says to wait.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        usage = getattr(request, "_suara_restriction_password_usage", None)
        if usage is not None and response.status_code == HTTPStatus.FOUND:
            usage.rollback()
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        argument = RESTRICTION_PASSWORD_VIEWS.get(view_func)
        if argument is None or request.method != "POST":
            return None
        key = f"{view_func.__module__}:{view_kwargs.get(argument)}"
        usage = ratelimit.consume(request, app=APP, action=RESTRICTION, key=key)
        if usage is None:
            return render(request, "rate_limited.html", status=HTTPStatus.TOO_MANY_REQUESTS)
        request._suara_restriction_password_usage = usage
        return None
