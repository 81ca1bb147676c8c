from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import CampaignTheme


class CampaignThemeViewSet(SnippetViewSet):
    model = CampaignTheme
    icon = "tag"
    list_display = ["name", "code"]
    ordering = ["name"]


register_snippet(CampaignThemeViewSet)


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    actions.register_action("suara_anak.role_added", _("Peran diberikan"), _("Peran diberikan"))
    actions.register_action("suara_anak.role_removed", _("Peran dicabut"), _("Peran dicabut"))


@hooks.register("insert_global_admin_js")
def admin_init_js():
    """Set-up calls that Wagtail would write as inline scripts (see cms.admin_scripts)."""
    return format_html('<script src="{}"></script>', static("js/admin-init.js"))
