"""The one declaration of what each role may do (the roles themselves are named in ``cms.vocabulary``).

Roles are Django groups, so administrators put people in them from Wagtail's user admin; group names are the stable
identifiers, what a person reads comes from ``Role.label``. Every gate in the code asks ``user.has_perm(...)`` (or a
Wagtail permission policy, which asks the same) for one of the permissions named here, never a group's name.
``cms.services.apply_grants`` makes the groups hold exactly what ``GRANTS`` says after every ``migrate``.
"""

from cms.vocabulary import Role

__all__ = ["GRANTS", "ROOT_COLLECTION_GRANTS", "ROOT_PAGE_GRANTS", "Role"]


# The gates, as "app_label.codename".
ACCESS_ADMIN = "wagtailadmin.access_admin"
READ_CITY_RESULTS = "surveys.view_city_results"
READ_SCHOOL_RESULTS = "surveys.view_school_results"
ACT_FOR_EVERY_SCHOOL = "surveys.act_for_every_school"
GENERATE_CODES = "surveys.add_classcode"
ANSWER_FOR_SCHOOL = "surveys.add_schoolsubmission"
SEE_SCHOOL_REPORT = "surveys.view_schoolsubmission"
EXPORT_RESPONSES = "surveys.export_responses"
SEE_FREE_TEXT = "surveys.view_free_text"


# Whoever holds one of these reads what children told no one else, so signs in with a second factor (TOTP). Not a
# permission of its own: one on the user model would also show them every account's history in the admin.
NEEDS_SECOND_FACTOR = (READ_CITY_RESULTS, SEE_FREE_TEXT, EXPORT_RESPONSES)

#: Any one of these opens the staff survey pages (``/staf/…``): codes, a school's own answers, reports, exports.
STAFF_PAGES = (GENERATE_CODES, ANSWER_FOR_SCHOOL, SEE_SCHOOL_REPORT, EXPORT_RESPONSES)


def uses_staff_pages(user) -> bool:
    return any(user.has_perm(permission) for permission in STAFF_PAGES)


def granted(users, permission: str):
    """The accounts among ``users`` granted ``permission`` ("app_label.codename") through a role or in person: who to
    tell about work that needs it (an administrator's blanket rights do not make them a recipient)."""
    from django.db.models import Q

    app_label, codename = permission.split(".", 1)
    held = Q(content_type__app_label=app_label, codename=codename)
    from django.contrib.auth.models import Permission

    permissions = Permission.objects.filter(held)
    return users.filter(Q(groups__permissions__in=permissions) | Q(user_permissions__in=permissions)).distinct()


def without_children(users):
    """``users`` without Forum Anak members: they are children, whatever other role they hold, and nothing is ever
    sent to them. Not a gate (gates ask ``has_perm``): it asks who a person is, not what they may do."""
    return users.exclude(groups__name=Role.FORUM_MEMBER)


def _crud(app_label: str, model: str, *actions: str) -> set[str]:
    return {f"{app_label}.{action}_{model}" for action in actions}


GRANTS: dict[Role, frozenset[str]] = {
    Role.FACILITATOR: frozenset(
        {
            ACCESS_ADMIN,
            READ_CITY_RESULTS,
            ACT_FOR_EVERY_SCHOOL,
            GENERATE_CODES,
            SEE_SCHOOL_REPORT,
            EXPORT_RESPONSES,
            SEE_FREE_TEXT,
            "surveys.view_classcode",
            "wagtail_localize.submit_translation",
            "cms.change_helplinesettings",
            *_crud("cms", "campaigntheme", "add", "change", "delete"),
            *_crud("forum", "forumgroup", "view", "change"),
            *_crud("forum", "member", "view", "add", "change", "delete"),
            *_crud("forum", "activity", "view", "add", "change", "delete"),
            *_crud("forum", "consultationinput", "view", "change"),
            *_crud("forum", "consultationsummary", "view", "add", "change"),
            *_crud("forum", "proposal", "view", "add", "change"),
            *_crud("forum", "proposalstep", "view", "add"),
            "forum.record_progress",
            *_crud("surveys", "safeguardingflag", "view", "change"),
            *_crud("surveys", "safeguardingword", "view", "add", "change", "delete"),
            *_crud("results", "indicator", "view"),
            *_crud("results", "childpopulation", "view"),
            *_crud("results", "schoolenrolment", "view"),
        }
    ),
    Role.OFFICIAL: frozenset(
        {
            ACCESS_ADMIN,
            READ_CITY_RESULTS,
            EXPORT_RESPONSES,
            *_crud("forum", "consultationsummary", "view"),
            *_crud("forum", "consultationanswer", "view", "add", "change"),
            *_crud("forum", "proposal", "view"),
            *_crud("forum", "proposalstep", "view", "add"),
            "forum.record_agency_answer",
            *_crud("results", "indicator", "view", "add", "change"),
            *_crud("results", "childpopulation", "view", "add", "change", "delete"),
            *_crud("results", "schoolenrolment", "view", "add", "change", "delete"),
            *_crud("results", "regionboundary", "view", "add", "change", "delete"),
        }
    ),
    Role.SCHOOL_COORDINATOR: frozenset(
        {
            READ_SCHOOL_RESULTS,
            GENERATE_CODES,
            ANSWER_FOR_SCHOOL,
            "surveys.view_classcode",
            "surveys.change_schoolsubmission",
        }
    ),
    Role.FORUM_MEMBER: frozenset({ACCESS_ADMIN}),
}

# Wagtail's object permissions: on the root page (so every site and language) and on the root collection.
# Forum Anak members' page permissions are per section (``cms.services.open_to_forum_members``).
ROOT_PAGE_GRANTS: dict[Role, frozenset[str]] = {
    Role.FACILITATOR: frozenset({"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}),
}
ROOT_COLLECTION_GRANTS: dict[Role, frozenset[str]] = {
    Role.FACILITATOR: frozenset(
        _crud("wagtailimages", "image", "add", "change", "choose", "delete")
        | _crud("wagtaildocs", "document", "add", "change", "choose", "delete")
    ),
    Role.FORUM_MEMBER: frozenset({"wagtailimages.choose_image"}),
}
