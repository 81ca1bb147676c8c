from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.urls import reverse

from cms import sign_in_limits
from cms.roles import uses_staff_pages


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are made by an administrator or by invitation, never by public sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """The account allauth clears the sign-in limit of after a password reset: the key the limit counts under."""
        return sign_in_limits.account_key(credentials.get("email", credentials.get("username")))

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Say "too many attempts" before the password is checked; the attempt itself is counted, once, by
        ``cms.auth_backends.RateLimitedBackend``, which every sign-in door shares."""
        self._login_failed_rl_usage = None
        if sign_in_limits.sign_in_refused(request, credentials.get("email", credentials.get("username"))):
            raise self.validation_error("too_many_login_attempts")

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Where a user lands after signing in without a ``next``: the Wagtail admin if their role reaches it,
        else the staff survey pages (school coordinators), else the home page.

        Sending everyone to the admin left a school coordinator, who has no admin access, bouncing between the
        admin and the sign-in page until the browser gave up.
        """
        user = request.user
        if user.has_perm("wagtailadmin.access_admin"):
            return super().get_login_redirect_url(request)
        if uses_staff_pages(user):
            return reverse("surveys:staff_home")
        return "/"
