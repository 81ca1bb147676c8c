from __future__ import annotations

from django.http import HttpRequest
from django_ratelimit.exceptions import Ratelimited
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from cms import sign_in_limits


class PasswordResetForm(WagtailPasswordResetForm):
    """Wagtail's password reset, sending no more mails than allauth's: both count against ``reset_password``."""

    def save(self, *args, request: HttpRequest | None = None, **kwargs) -> None:
        if request is not None and not sign_in_limits.consume_reset(request, self.cleaned_data["email"]):
            raise Ratelimited
        super().save(*args, request=request, **kwargs)
