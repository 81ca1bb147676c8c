from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import CampaignTheme
from cms.page_scope import SITE_WIDE_PAGE_VIEWS, explorable_pages, sees_every_page
from cms.vocabulary import AUDIT_MESSAGES, AuditAction


class CampaignThemeViewSet(SnippetViewSet):
    model = CampaignTheme
    icon = "tag"
    list_display = ["name", "code"]
    ordering = ["name"]


register_snippet(CampaignThemeViewSet)


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    for action in AuditAction:
        actions.register_action(action.value, action.label, AUDIT_MESSAGES[action])


@hooks.register("insert_global_admin_js")
def admin_init_js():
    """Set-up calls that Wagtail would write as inline scripts (see cms.admin_scripts)."""
    return format_html('<script src="{}"></script>', static("js/admin-init.js"))


@hooks.register("construct_page_chooser_queryset")
def choose_only_explorable_pages(pages, request):
    """The page chooser offers only pages the user may see in the explorer (see ``cms.page_scope``)."""
    if sees_every_page(request.user):
        return pages
    return pages.filter(pk__in=explorable_pages(request.user).values("pk"))


@hooks.register("construct_reports_menu")
def hide_site_wide_page_reports(request, menu_items):
    """Reports that name pages of the whole site are only for those who see every page."""
    if not sees_every_page(request.user):
        hidden = {reverse(name) for name in SITE_WIDE_PAGE_VIEWS if not name.startswith("wagtailadmin_pages:")}
        menu_items[:] = [item for item in menu_items if item.url not in hidden]
