"""The one limit on guessing passwords and on sending password-reset mails, whichever door is used.

Both are allauth's own limits (``ACCOUNT_RATE_LIMITS``): ``login_failed`` for sign-ins and ``reset_password`` for
reset mails, each counted per client address and per account. Every door counts against the same counters:
allauth's sign-in and re-authentication, Wagtail's and Django's sign-in forms (through
``cms.auth_backends.RateLimitedBackend``, which every password check passes), allauth's and Wagtail's password
reset (``cms.forms.PasswordResetForm``). The account is named by its e-mail address or user name, without
surrounding spaces and in lower case, so ``" Staf@Example.test"`` and ``"staf@example.test"`` are one account.

The counters live in the default cache; while Redis is unreachable that is this process's memory
(``cms.cache``), so sign-in keeps working and the limits still hold per process.
"""

from __future__ import annotations

from allauth.core.internal import ratelimit
from django.http import HttpRequest

APP = "allauth.account"
SIGN_IN = "login_failed"
RESET = "reset_password"


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


def consume_reset(request: HttpRequest, email: str) -> bool:
    """Count one reset mail to ``email``; false when the client or the address has had too many."""
    return ratelimit.consume(request, app=APP, action=RESET, key=account_key(email)) is not None
