from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import CampaignTheme
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
