"""Who acts for which school: facilitators for every school, a school coordinator only for their own.

Views first ask Django's permissions (granted to the roles in migration 0003), then narrow the schools here, so a
coordinator who types another school's number gets a 404, as if it did not exist.
"""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from cms.models import School
from cms.vocabulary import Role

GENERATE_CODES = "surveys.add_classcode"
ANSWER_FOR_SCHOOL = "surveys.add_schoolsubmission"
SEE_SCHOOL_REPORT = "surveys.view_schoolsubmission"
EXPORT = "surveys.export_responses"
SEE_FREE_TEXT = "surveys.view_free_text"
STAFF_PERMISSIONS = (GENERATE_CODES, ANSWER_FOR_SCHOOL, SEE_SCHOOL_REPORT, EXPORT)


def acts_for_every_school(user) -> bool:
    return user.is_superuser or user.has_role(Role.FACILITATOR)


def schools_for(user) -> QuerySet[School]:
    """The schools ``user`` may generate codes for: all for facilitators, their own for a coordinator, else none."""
    if not user.is_authenticated or not user.has_perm(GENERATE_CODES):
        return School.objects.none()
    if acts_for_every_school(user):
        return School.objects.all()
    if user.school_id and user.has_role(Role.SCHOOL_COORDINATOR):
        return School.objects.filter(pk=user.school_id)
    return School.objects.none()


def can_use_staff_pages(user) -> bool:
    return any(user.has_perm(permission) for permission in STAFF_PERMISSIONS)


class SafeguardingPermissionPolicy(ModelPermissionPolicy):
    """The safeguarding queue: read and review only with ``view_free_text``; flags are made by screening alone."""

    def user_has_permission(self, user, action) -> bool:
        if action in ("add", "delete"):
            return False
        return user.has_perm(SEE_FREE_TEXT) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)
