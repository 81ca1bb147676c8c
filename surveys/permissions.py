"""Who acts for which school: facilitators for every school, a school coordinator only for their own.

Views first ask Django's permissions (declared per role in ``cms.roles``), then narrow the schools here, so a
coordinator who types another school's number gets a 404, as if it did not exist.
"""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from cms.models import School
from cms.roles import (
    ACT_FOR_EVERY_SCHOOL,
    ANSWER_FOR_SCHOOL,
    GENERATE_CODES,
    READ_SCHOOL_RESULTS,
    SEE_FREE_TEXT,
)


def acts_for_every_school(user) -> bool:
    return user.has_perm(ACT_FOR_EVERY_SCHOOL)


def sees_own_school_results(user) -> bool:
    """A school coordinator reads their own school's results beside the city's: the permission and a school."""
    return user.school_id is not None and user.has_perm(READ_SCHOOL_RESULTS)


def schools_for(user) -> QuerySet[School]:
    """The schools ``user`` may generate codes for: all for facilitators, their own for a coordinator, else none."""
    if not user.is_authenticated or not user.has_perm(GENERATE_CODES):
        return School.objects.none()
    if acts_for_every_school(user):
        return School.objects.all()
    if user.school_id:
        return School.objects.filter(pk=user.school_id)
    return School.objects.none()


def answers_for_a_school(user) -> bool:
    """Whether ``user`` answers school questionnaires (for their own school): a signed-in school coordinator."""
    return user.is_authenticated and user.school_id is not None and user.has_perm(ANSWER_FOR_SCHOOL)


class SafeguardingPermissionPolicy(ModelPermissionPolicy):
    """The safeguarding queue: read and review only with ``view_free_text``; flags are made by screening alone."""

    def user_has_permission(self, user, action) -> bool:
        if action in ("add", "delete"):
            return False
        return user.has_perm(SEE_FREE_TEXT) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)
