from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCAL_HOSTS = {"localhost", "127.0.0.1"}


@pytest.fixture
def chart_server(settings, live_server):
    """The live server, answering with the test-only chart page besides the site's own URLs."""
    settings.ROOT_URLCONF = "tests.results.chart_page"
    return live_server


def test_a_chart_draws_from_our_own_plotly_bundle_with_no_other_host(chart_server, phone):
    foreign = []

    def only_local(route):
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    scripts = []
    phone.on("request", lambda request: scripts.append(request.url) if request.resource_type == "script" else None)
    phone.route("**/*", only_local)
    phone.goto(chart_server.url + "/uji-grafik/")
    phone.wait_for_selector(".chart__plot--drawn svg.main-svg", timeout=20_000)

    assert foreign == []
    assert any(url.endswith("/static/vendor/plotly/plotly-basic.min.js") for url in scripts)
    assert phone.locator(".chart__plot .bars path").count() == 1, "one visible choice, one bar"
    assert phone.locator(".modebar-btn--logo").count() == 0
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone.locator("table.chart__table").is_visible()


def test_without_javascript_the_table_is_what_people_read(chart_server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(chart_server.url + "/uji-grafik/")
    assert page.locator(".chart__plot").is_hidden()
    assert page.locator("table.chart__table td").first.inner_text() == "40"
    context.close()
