"""axe-core on every public page and every screen of a child answering a survey, on a 360×740 phone.

axe is injected from our vendored copy (tests/browser/vendor); the test context bypasses the site's CSP for that
injection only. Any violation fails the test, whatever its impact (the site is at zero and stays there). On a
child's screens the enhanced contrast rule (WCAG AAA, 7:1) must pass too, and on a 320 px phone every help-line
number is a tap target at least 44 px tall.
"""

import os

import pytest
from wagtail.models import Locale

from tests.browser.journeys import inject_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


TAP_TARGET = 44


def phone(browser, width: int):
    return browser.new_context(
        viewport={"width": width, "height": 740}, locale="id-ID", is_mobile=True, bypass_csp=True
    ).new_page()


@pytest.fixture
def phone_with_axe(browser):
    """A 360×740 phone whose context may inject axe-core despite the page's Content-Security-Policy."""
    page = phone(browser, 360)
    yield page
    page.context.close()


@pytest.fixture
def small_phone(browser):
    """The narrowest phone a child may have: 320 px wide."""
    page = phone(browser, 320)
    yield page
    page.context.close()


def blocking_violations(page, *, enhanced_contrast: bool = False) -> list[str]:
    """axe's violations; with ``enhanced_contrast``, the AAA contrast rule is run too."""
    inject_axe(page)
    options = "{resultTypes: ['violations']}"
    if enhanced_contrast:
        options = "{resultTypes: ['violations'], rules: {'color-contrast-enhanced': {enabled: true}}}"
    results = page.evaluate(f"axe.run(document, {options})")
    assert results["passes"], f"axe checked nothing on {page.url}"
    if os.environ.get("SUARA_AXE_REPORT"):
        for violation in results["violations"]:
            print(page.url, violation["impact"], violation["id"], [node["target"] for node in violation["nodes"]])
    return [
        f"{page.url} {violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(", ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
    ]


def child_screen_violations(page) -> list[str]:
    return blocking_violations(page, enhanced_contrast=True)


def every_public_path(survey) -> list[str]:
    """Every page a child may open: each live page of the tree in both languages, each survey translation's
    help-now and thank-you screens, every URL of the resolver that answers anyone with a page (the permissions
    matrix, which fails on a URL without an entry), and a missing page."""
    from django.test import Client
    from wagtail.models import Page

    from tests.permissions_matrix import MATRIX, OK

    paths = [page.url for page in Page.objects.live().public().filter(depth__gt=1).specific()]
    for translation in survey.get_translations(inclusive=True):
        paths += [translation.url + "bantuan/", translation.url + "terima-kasih/", translation.url + "luring/"]
    reader = Client()
    paths += [
        entry.url
        for entry in MATRIX.values()
        if entry.status_for("anonymous") == OK
        # pages only: not the service worker's script, the API's JSON or the health check
        and reader.get(entry.url)["Content-Type"].startswith("text/html")
        and entry.url != "/sitemap.xml"
    ]
    return [*dict.fromkeys([*paths, "/en/hasil/", "/halaman-tidak-ada/"])]


def test_every_public_page_has_no_accessibility_violation(
    live_server, sections, make_survey, make_consultation, forum_groups, phone_with_axe
):
    """Every page of the site in both languages, the enhanced (AAA) contrast rule included: children read them all."""
    english = Locale.objects.get(language_code="en")
    survey = make_survey()
    survey.copy_for_translation(english, copy_parents=True).save_revision().publish()
    make_consultation().copy_for_translation(english, copy_parents=True).save_revision().publish()
    group = next(iter(forum_groups.values()))
    paths = [*every_public_path(survey), "/forum-anak/", group.get_absolute_url()]
    found = []
    for path in paths:
        phone_with_axe.goto(live_server.url + path)
        found += child_screen_violations(phone_with_axe)
    assert found == []


def test_every_survey_screen_has_no_accessibility_violation(live_server, make_survey, phone_with_axe):
    """Every screen a child sees, errors included, also against the enhanced (AAA) contrast rule."""
    survey = make_survey()
    phone = phone_with_axe
    found = []

    phone.goto(live_server.url + survey.url)
    found += child_screen_violations(phone)
    phone.get_by_label("Kode kelas (kalau ada)").fill("SALAH-1")
    phone.get_by_role("button", name="Saya setuju, mulai").click()
    phone.locator("#id_kode_error").wait_for()
    found += child_screen_violations(phone)
    phone.get_by_label("Kode kelas (kalau ada)").fill("")
    phone.get_by_role("button", name="Saya setuju, mulai").click()
    phone.wait_for_url(f"**{survey.url}tentang-kamu/")
    found += child_screen_violations(phone)
    phone.get_by_label("13–15 tahun").check()
    phone.get_by_role("button", name="Lanjut").click()

    phone.wait_for_url(f"**{survey.url}bagian/1/")
    phone.get_by_role("button", name="Lanjut").click()
    phone.locator(".errorlist").first.wait_for()
    found += child_screen_violations(phone)
    phone.get_by_label("Setuju", exact=False).first.check()
    phone.locator("#q-bullied").get_by_label("Ya", exact=True).check()
    phone.get_by_role("button", name="Lanjut").click()  # the follow-up comes on the next screen
    phone.locator("#q-bullied_where").get_by_label("Di kelas").check()
    found += child_screen_violations(phone)
    phone.get_by_role("button", name="Lanjut").click()

    phone.wait_for_url(f"**{survey.url}bagian/2/")
    found += child_screen_violations(phone)
    phone.get_by_role("button", name="Lanjut").click()
    phone.wait_for_url(f"**{survey.url}bagian/3/")
    found += child_screen_violations(phone)
    phone.get_by_role("button", name="Kirim jawaban").click()

    phone.get_by_role("heading", name="Terima kasih!").wait_for()
    found += child_screen_violations(phone)
    phone.goto(live_server.url + survey.url + "bantuan/")
    found += child_screen_violations(phone)
    assert found == []


def test_every_tel_link_is_a_44px_tap_target_on_a_320px_phone(
    live_server, sections, make_survey, make_consultation, small_phone
):
    """Where a child may need help: the help lines and emergency numbers on every page of the site, measured."""
    english = Locale.objects.get(language_code="en")
    survey = make_survey()
    survey.copy_for_translation(english, copy_parents=True).save_revision().publish()
    make_consultation().copy_for_translation(english, copy_parents=True).save_revision().publish()
    paths = every_public_path(survey)
    assert len(paths) > 30
    measured, too_small = 0, []
    for path in paths:
        small_phone.goto(live_server.url + path)
        assert small_phone.evaluate("document.documentElement.scrollWidth") <= 320, f"{path} scrolls sideways"
        links = small_phone.locator('a[href^="tel:"]:visible')  # a screen not shown yet is measured when shown
        assert links.count() >= 2, path
        for index in range(links.count()):
            link = links.nth(index)
            link.scroll_into_view_if_needed()
            box = link.bounding_box()
            measured += 1
            if box["height"] < TAP_TARGET or box["width"] < TAP_TARGET:
                too_small.append(f"{path} {link.get_attribute('href')}: {box['width']:.0f}×{box['height']:.0f}")
    assert measured >= 2 * len(paths)
    assert too_small == []
