"""The roles of Suara Anak, kept as Django groups so administrators manage them in Wagtail's user admin.

Group names are the stable identifiers (migrations and tests refer to them); what a person reads comes
from ``Role.label``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FACILITATOR = "Facilitator", _("Fasilitator")
    SCHOOL_COORDINATOR = "School coordinator", _("Koordinator sekolah")
    OFFICIAL = "Official", _("Pejabat / OPD")
    FORUM_MEMBER = "Forum Anak member", _("Anggota Forum Anak")


ADMIN_ACCESS_ROLES = (Role.FACILITATOR, Role.OFFICIAL, Role.FORUM_MEMBER)
MFA_REQUIRED_ROLES = (Role.FACILITATOR, Role.OFFICIAL)
