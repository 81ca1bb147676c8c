"""The whole site, the Wagtail admin included, works under a Content-Security-Policy without inline scripts."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from cms.roles import Role
from tests.conftest import Client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in_context(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context


class Problems:
    """Everything the browser reports on a page: CSP violations, script errors, failed admin set-up calls."""

    def __init__(self, page) -> None:
        self.messages: list[str] = []
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.messages.append(f"uncaught: {error}"))

    def console(self, message) -> None:
        if message.type == "error" or "Content Security Policy" in message.text:
            self.messages.append(message.text)

    def take(self) -> list[str]:
        messages, self.messages = self.messages, []
        return messages


def visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


def test_public_page_runs_under_the_policy(live_server, home, phone):
    problems = Problems(phone)
    visit(phone, live_server.url + "/")
    assert problems.take() == []


@pytest.fixture
def admin_page(live_server, make_user, browser):
    context = signed_in_context(browser, live_server, make_user(Role.FACILITATOR, superuser=True))
    page = context.new_page()
    yield page
    context.close()


def test_wagtail_admin_pages_run_under_the_strict_policy(live_server, home, forum_groups, admin_page):
    problems = Problems(admin_page)
    paths = [
        "/admin/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{home.pk}/edit/",
        "/admin/settings/cms/helplinesettings/",
        "/admin/forum_activities/new/",
        "/admin/snippets/cms/campaigntheme/add/",
        "/admin/workflows/add/",
        "/admin/reports/site-history/",
        f"/admin/localize/submit/page/{home.pk}/",
    ]
    for path in paths:
        visit(admin_page, live_server.url + path)
        assert admin_page.locator("[data-admin-init]:not([data-admin-init-done])").count() == 0, path
        assert problems.take() == [], path


def test_admin_widgets_set_up_from_data_work(live_server, home, forum_groups, admin_page):
    problems = Problems(admin_page)

    visit(admin_page, live_server.url + "/admin/forum_activities/new/")
    admin_page.locator("#id_date").click()
    expect(admin_page.locator(".xdsoft_datetimepicker").first).to_be_visible()

    admin_page.locator("#id_photos-ADD").click()
    new_photo = admin_page.locator("#inline_child_photos-0")
    new_photo.wait_for()
    new_photo.locator("[data-chooser-action-choose]").click()
    expect(admin_page.locator(".modal-dialog")).to_be_visible()
    assert problems.take() == []

    visit(admin_page, live_server.url + "/admin/settings/cms/helplinesettings/")
    total_forms = admin_page.locator("#id_help_lines-TOTAL_FORMS")
    before = int(total_forms.input_value())
    admin_page.locator("#id_help_lines-ADD").click()
    expect(total_forms).to_have_value(str(before + 1))
    expect(admin_page.locator(f"#inline_child_help_lines-{before}")).to_be_visible()
    assert problems.take() == []
