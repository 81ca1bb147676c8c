from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test.testcases import LiveServerThread

pytestmark = [pytest.mark.browser]

LOCAL_HOSTS = {"localhost", "127.0.0.1"}


@pytest.fixture
def chart_server(settings):
    """A server for the test-only chart page, which needs no database.

    pytest-django's live server empties the database after each test (data migrations included), which
    would break later tests that rely on the migrated Wagtail tree; this page never touches the database.
    """
    settings.ROOT_URLCONF = "tests.surveys.chart_page"
    thread = LiveServerThread("localhost", StaticFilesHandler, connections_override={}, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    thread.url = f"http://localhost:{thread.port}"
    yield thread
    thread.terminate()


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
