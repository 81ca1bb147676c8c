from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import CampaignTheme


class CampaignThemeViewSet(SnippetViewSet):
    model = CampaignTheme
    icon = "tag"
    list_display = ["name", "code"]
    ordering = ["name"]


register_snippet(CampaignThemeViewSet)
