from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from cms.blocks import CHART_HOOK
from surveys import admin_views, results
from surveys.admin_panels import ResultsSummaryPanel, ResultsViewSetGroup
from surveys.models import SafeguardingFlag, SurveyPage
from surveys.permissions import SafeguardingPermissionPolicy
from surveys.results_views import is_results_reader
from surveys.viewsets import SafeguardingFlagViewSet, SafeguardingWordViewSet

register_permission_policy(SafeguardingFlag, SafeguardingPermissionPolicy(SafeguardingFlag))
register_snippet(SafeguardingWordViewSet)


@hooks.register("register_admin_urls")
def register_bank_url():
    return [path("survei/bank/", admin_views.bank, name="surveys_bank")]


@hooks.register("register_admin_menu_item")
def register_bank_menu_item():
    return MenuItem(_("Bank pertanyaan"), reverse("surveys_bank"), icon_name="form", order=250)


@hooks.register("register_admin_viewset")
def register_safeguarding_viewset():
    return SafeguardingFlagViewSet("safeguarding")


@hooks.register("register_admin_viewset")
def register_results_viewsets():
    return ResultsViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_results_panel(request, panels):
    if is_results_reader(request.user):
        panels.append(ResultsSummaryPanel())


@hooks.register(CHART_HOOK)
def draw_published_chart(page, question_code: str):
    """A page's chart block: the suppressed chart of a published question of a survey, else nothing."""
    return results.published_chart(page, question_code) if isinstance(page, SurveyPage) else None
