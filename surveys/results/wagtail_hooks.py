"""The results area in the Wagtail admin: the indicators' menu and the summary panel on the dashboard."""

from wagtail import hooks

from surveys.results.admin_panels import ResultsSummaryPanel, ResultsViewSetGroup
from surveys.results.views import is_results_reader


@hooks.register("register_admin_viewset")
def register_results_viewsets():
    return ResultsViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_results_panel(request, panels):
    if is_results_reader(request.user):
        panels.append(ResultsSummaryPanel())
