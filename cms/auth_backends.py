from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from cms import sign_in_limits


class RateLimitedBackend(AuthenticationBackend):
    """Every password check, from any sign-in form, counted against one limit per client address and per account.

    It is the first backend and does the whole check itself: by e-mail address (allauth's backend) or by user name
    (Django's), so a wrong password or an exhausted limit ends authentication here (``PermissionDenied``) and no
    later backend checks the password again, uncounted. The later backends stay listed only so sessions signed in
    through them remain valid. A right password gives its attempt back, so signing in often locks no one out.
    """

    def authenticate(self, request: HttpRequest | None, **credentials) -> AbstractBaseUser | None:
        password = credentials.get("password")
        login = credentials.get("email", credentials.get("username"))
        if not password or not login:
            return None
        usage = sign_in_limits.consume_sign_in(request, login)
        if usage is None:
            raise PermissionDenied("Too many sign-in attempts")
        user = super().authenticate(request, **credentials)
        if user is None and "username" in credentials:
            user = ModelBackend.authenticate(self, request, username=credentials["username"], password=password)
        if user is None:
            raise PermissionDenied("Wrong sign-in")
        usage.rollback()
        return user
