"""Which pages a Wagtail admin user may see named.

Facilitators and administrators hold their page permissions on the tree's root and see every page. A Forum Anak
member (a child) holds them only on the stories sections: Wagtail lets them explore those sections and the pages
above them, but its page chooser, its per-page views (the explorer of any page id, its history, usage, move and
copy screens), its "chosen pages" answer, its bulk actions and its site-wide page-type reports name any page,
draft titles included. These functions say what such a user may see; ``cms.wagtail_hooks`` and
``cms.middleware.AdminPageScopeMiddleware`` apply them.
"""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Page, PageQuerySet
from wagtail.permissions import policy_registry

PAGE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}
# Admin views (URL names) that list pages or translations of the whole site, whatever the user may explore.
SITE_WIDE_PAGE_VIEWS = {
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
    "wagtailadmin_pages:type_use",
    "wagtailadmin_pages:type_use_results",
    "wagtail_localize:translations_report",
    "wagtail_localize:translations_report_results",
}


def sees_every_page(user) -> bool:
    """Whether ``user`` holds a page permission on the root of the tree, and so may see every page."""
    if user.is_superuser:
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    root = Page.get_first_root_node()
    return policy_registry.get_by_type(Page).user_has_any_permission_for_instance(user, PAGE_ACTIONS, root)


def explorable_pages(user) -> PageQuerySet:
    """The pages ``user`` may see in the admin: those they hold a permission on, and the pages above them."""
    return policy_registry.get_by_type(Page).explorable_instances(user)


def may_see_pages(user, page_ids: Iterable[int]) -> bool:
    wanted = set(page_ids)
    if not wanted or sees_every_page(user):
        return True
    return explorable_pages(user).filter(pk__in=wanted).count() == len(wanted)
