"""The results area in the Wagtail admin (the indicators' menu, the dashboard's summary panel) and pages' charts."""

from wagtail import hooks

from cms.blocks import CHART_HOOK
from surveys.models import SurveyPage
from surveys.results import pages as results
from surveys.results.admin_panels import ResultsSummaryPanel, ResultsViewSetGroup
from surveys.results.views import is_results_reader


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
