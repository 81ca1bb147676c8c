"""Wagtail's routing bypassed: where a survey's section forms post (``survey_answer``), a plain URL keyed by the
page's id, so a whole class submitting at once does not walk the page tree on every post.

Wagtail's ``serve`` view and its ``on_serve_page`` hook check a page's view restrictions; ``answer_section`` checks
them itself. ``tests/test_upstream_internals.py`` pins that upstream code and the list of serve hooks.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache

from cms import chrome
from surveys.models import SurveyPage
from surveys.views import done_key, get_draft, section


def live_survey(page_id: int) -> tuple[SurveyPage | None, list]:
    """The live survey page ``page_id`` and its view restrictions, or ``(None, [])``."""
    page = SurveyPage.objects.live().filter(pk=page_id).first()
    if page is None:
        return None, []
    return page.freeze(), list(page.get_view_restrictions())


@never_cache
def answer_section(request: HttpRequest, page_id: int, number: int) -> HttpResponse:
    """Where the section forms post: ``section`` for the live survey page ``page_id``, outside Wagtail's routing.

    Wagtail's routing walks the page tree on every request; here the page is read by its id, and its view
    restrictions are checked as Wagtail would. Both are kept in the app server's memory by ``cms.chrome`` (any
    change to a page or a view restriction starts a new generation, seen by every server on its next request);
    the views only read the page. A GET (a bookmark, a reopened tab) goes to the survey's own URLs.
    CSRF, the rate limit, the opening dates and the exactly-once submission are the same as on the section URL.
    """
    page, restrictions = chrome.cached(request, "live-survey", (page_id,), lambda: live_survey(page_id), shared=False)
    if page is None:
        raise Http404
    if any(not restriction.accept_request(request) for restriction in restrictions):
        return redirect(page.route_url(request, "section", number))
    if request.method != "POST":
        if get_draft(request, page) is None and request.session.get(done_key(page)):
            return redirect(page.route_url(request, "thanks"))
        return redirect(page.route_url(request, "section", number))
    return section(request, page, number, thank_in_place=True)
