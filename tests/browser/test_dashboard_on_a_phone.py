"""The officials' dashboard on a 360 px phone: the glance, the small multiples, the maps and every table fit the
screen (tables scroll inside themselves), with no request to another host and no serious accessibility finding."""

from urllib.parse import urlsplit

import pytest

from cms.models import Region
from cms.roles import Role
from surveys.results.models import RegionBoundary
from tests.browser.journeys import axe_violations, new_page, sign_in
from tests.results.test_boundaries import square
from tests.results.test_maps import SPREAD, answer_spread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCAL_HOSTS = {"localhost", "127.0.0.1"}


@pytest.mark.parametrize("with_boundaries", [False, True])
def test_the_dashboard_reads_on_a_phone_without_sideways_scrolling(
    live_server, browser, make_user, survey, answer_survey, with_boundaries
):
    from playwright.sync_api import expect

    kecamatan = list(Region.objects.kecamatan().order_by("code"))
    for region in kecamatan[:-1]:
        answer_spread(answer_survey, survey, SPREAD, kecamatan=region)
    answer_survey(survey, 3, {"safe_school": "4", "bullied": "yes"}, kecamatan=kecamatan[-1])
    if with_boundaries:
        for position, region in enumerate(kecamatan):
            RegionBoundary.objects.create(region=region, geometry=square(116.8 + 0.03 * position, -1.3))
    page = new_page(browser, width=360, height=740, mobile=True)
    foreign = []
    page.on(
        "request",
        lambda request: foreign.append(request.url) if urlsplit(request.url).hostname not in LOCAL_HOSTS else None,
    )
    sign_in(page, live_server, make_user(Role.OFFICIAL), next_path="/staf/hasil/")
    expect(page.locator("#sekilas-aman")).to_contain_text("%")
    expect(page.locator("svg.map__svg").first).to_be_visible()
    assert page.locator("svg.map__svg path" if with_boundaries else "svg.map__svg rect").count() > 0
    assert page.locator(".map__area--hidden").count() >= 1, "the kecamatan with 3 children is hatched"

    for path in ("/staf/hasil/", "/staf/hasil/laporan/"):
        page.goto(live_server.url + path)
        expect(page.locator("#sekilas")).to_be_visible()
        page.wait_for_load_state("networkidle")
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1] <= 360, f"{path}: the page is {widths[0]} px wide on a 360 px screen"
        overflowing = page.evaluate(
            """() => [...document.querySelectorAll('.glance *, .map *')]
                .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .filter(el => !el.closest('.chart__table-wrap, .results-wide, details:not([open])'))
                .map(el => el.tagName + '.' + el.className)"""
        )
        assert overflowing == [], f"{path}: {overflowing[:5]}"
        assert axe_violations(page) == [], path
    assert foreign == []
