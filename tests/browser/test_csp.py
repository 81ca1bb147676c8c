import pytest
from django.conf import settings
from django.test import Client

from cms.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in_context(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context


def csp_violations(page, url: str) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return [text for text in messages if "Content Security Policy" in text]


def test_public_page_runs_under_the_policy(live_server, home, phone):
    assert csp_violations(phone, live_server.url + "/") == []


def test_wagtail_admin_runs_under_its_own_policy(live_server, home, make_user, browser):
    context = signed_in_context(browser, live_server, make_user(Role.FACILITATOR, superuser=True))
    page = context.new_page()
    for path in ["/admin/", f"/admin/pages/{home.pk}/", f"/admin/pages/{home.pk}/edit/"]:
        assert csp_violations(page, live_server.url + path) == [], path
    context.close()
