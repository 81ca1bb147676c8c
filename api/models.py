"""Personal API tokens: an official's key to what they see on the dashboards, kept only as a hash."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Every token starts with this, so a leaked one is recognisable in logs and by secret scanners.
TOKEN_PREFIX = "suara_"  # noqa: S105 (a public prefix, not a secret)


def digest(raw: str) -> str:
    """The stored form of a token: a SHA-256 hash (a token is 256 random bits, so no slow hash is needed)."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)

    def for_user(self, user) -> ApiTokenQuerySet:
        return self.filter(user=user)

    def authenticate(self, raw: str) -> ApiToken | None:
        """The active token ``raw`` names, or None; the raw token is never stored or looked up as it is."""
        if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
            return None
        return self.active().select_related("user").filter(key_hash=digest(raw)).first()


class ApiToken(models.Model):
    """One official's personal token for ``/api/v1/official/``. Shown once when it is made, then only its start."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pemilik"), on_delete=models.CASCADE, related_name="suara_api_tokens"
    )
    name = models.CharField(_("nama"), max_length=80, help_text=_("Untuk apa token ini, misalnya “Portal Satu Data”."))
    key_hash = models.CharField(_("hash token"), max_length=64, unique=True, editable=False)
    key_start = models.CharField(_("awal token"), max_length=16, editable=False)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_start}…)"

    @classmethod
    def issue(cls, user, name: str) -> tuple[ApiToken, str]:
        """A new token for ``user`` and its raw value, which the caller shows once and never stores."""
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=digest(raw), key_start=raw[: len(TOKEN_PREFIX) + 4])
        return token, raw

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.user.is_active

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
