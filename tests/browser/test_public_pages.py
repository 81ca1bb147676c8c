import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_on_a_phone_offers_both_languages_and_help(live_server, home, phone):
    phone.goto(live_server.url + "/")
    assert phone.locator("html").get_attribute("lang") == "id"
    assert phone.locator(".help-strip").is_visible()
    assert "SAPA 129" in phone.locator(".help-strip").inner_text()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "the page must not scroll sideways on a 360 px phone"

    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.className") == "skip-link"

    phone.get_by_role("link", name="English").click()
    phone.wait_for_url(live_server.url + "/en/")
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.get_by_role("link", name="Skip to content").count() == 1
