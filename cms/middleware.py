"""Request guards that apply across the whole site."""

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from http import HTTPStatus

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import logout
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language_from_path

from cms.roles import NEEDS_SECOND_FACTOR

logger = logging.getLogger(__name__)


def requires_mfa(user) -> bool:
    """Administrators, facilitators and officials see what children told no one else: they need a second factor."""
    return user.is_authenticated and any(user.has_perm(permission) for permission in NEEDS_SECOND_FACTOR)


def has_mfa(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_passed_mfa(request: HttpRequest, user) -> bool:
    """Whether *this session* proved the second factor, not merely whether the account has one.

    allauth records every authentication step of a session; a sign-in through its flow adds an ``mfa`` record
    once the TOTP or a recovery code is accepted. A session that set up its TOTP after signing in proved the code
    at set-up, so an authenticator created after the session's first record counts too. A session signed in any
    other way (a plain Django or Wagtail login view, a password reset) has neither.
    """
    records = get_authentication_records(request, user)
    if any(record.get("method") == "mfa" for record in records):
        return True
    started = min((record["at"] for record in records if isinstance(record.get("at"), (int, float))), default=None)
    if started is None:
        return False
    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP, created_at__gte=datetime.fromtimestamp(started, tz=UTC)
    ).exists()


def strip_language_prefix(path: str) -> str:
    language = get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        return path[len(language) + 1 :]
    return path


class StaffMFAMiddleware:
    """Staff who must use MFA are signed in only by a session that passed it, whichever view signed them in.

    An account with TOTP whose session did not pass the TOTP step is signed out and sent to allauth's sign-in, on
    every path, so no login view outside allauth's flow (Wagtail's, Django's, one added later) can open a staff
    page with a password alone. An account without TOTP yet is sent to set it up before any staff path.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if requires_mfa(user):
            next_url = urlencode({"next": request.get_full_path()})
            if has_mfa(user):
                if not session_passed_mfa(request, user):
                    logger.warning("Signed out user %s: session did not pass MFA", user.pk)
                    logout(request)
                    return HttpResponseRedirect(reverse("account_login") + "?" + next_url)
            elif strip_language_prefix(request.path_info).startswith(tuple(settings.MFA_REQUIRED_PATH_PREFIXES)):
                return HttpResponseRedirect(reverse("mfa_activate_totp") + "?" + next_url)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Answer with a friendly 503 page, and no stack trace, when the database cannot be reached."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as error:
            return self.unavailable(error)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, (OperationalError, InterfaceError)) or (
            isinstance(exception, DatabaseError) and "connect" in str(exception).lower()
        ):
            return self.unavailable(exception)
        return None

    def unavailable(self, error: Exception) -> HttpResponse:
        logger.error("Database unavailable: %s", error)
        response = HttpResponse(render_to_string("503.html"), status=HTTPStatus.SERVICE_UNAVAILABLE)
        response["Retry-After"] = "60"
        return response
