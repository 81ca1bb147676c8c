"""axe-core on every public page and every screen of a child answering a survey, on a 360×740 phone.

axe is injected from our vendored copy (tests/browser/vendor); the test context bypasses the site's CSP for that
injection only. Any serious or critical violation fails the test.
"""

import os
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
BLOCKING = {"serious", "critical"}


@pytest.fixture
def phone_with_axe(browser):
    """A 360×740 phone whose context may inject axe-core despite the page's Content-Security-Policy."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="id-ID", is_mobile=True, bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()


def blocking_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert results["passes"], f"axe checked nothing on {page.url}"
    if os.environ.get("SUARA_AXE_REPORT"):
        for violation in results["violations"]:
            print(page.url, violation["impact"], violation["id"], [node["target"] for node in violation["nodes"]])
    return [
        f"{page.url} {violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(", ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in BLOCKING
    ]


def test_public_pages_have_no_serious_accessibility_violation(
    live_server, make_survey, make_consultation, forum_groups, phone_with_axe
):
    consultation = make_consultation()
    make_survey()
    group = next(iter(forum_groups.values()))
    found = []
    for path in [
        "/",
        "/survei/",
        "/konsultasi/",
        consultation.url,
        "/forum-anak/",
        group.get_absolute_url(),
        "/akun/login/",
        "/en/",
    ]:
        phone_with_axe.goto(live_server.url + path)
        found += blocking_violations(phone_with_axe)
    assert found == []


def test_every_survey_screen_has_no_serious_accessibility_violation(live_server, make_survey, phone_with_axe):
    survey = make_survey()
    phone = phone_with_axe
    found = []

    phone.goto(live_server.url + survey.url)
    found += blocking_violations(phone)
    phone.get_by_role("button", name="Saya setuju, mulai").click()
    phone.wait_for_url(f"**{survey.url}tentang-kamu/")
    found += blocking_violations(phone)
    phone.get_by_label("13–15 tahun").check()
    phone.get_by_role("button", name="Lanjut").click()

    phone.wait_for_url(f"**{survey.url}bagian/1/")
    phone.get_by_role("button", name="Lanjut").click()
    phone.locator(".errorlist").first.wait_for()
    found += blocking_violations(phone)
    phone.get_by_label("Setuju", exact=False).first.check()
    phone.locator("#q-bullied").get_by_label("Ya", exact=True).check()
    phone.locator("#q-bullied_where").get_by_label("Di kelas").check()
    found += blocking_violations(phone)
    phone.get_by_role("button", name="Lanjut").click()

    phone.wait_for_url(f"**{survey.url}bagian/2/")
    found += blocking_violations(phone)
    phone.get_by_role("button", name="Lanjut").click()
    phone.wait_for_url(f"**{survey.url}bagian/3/")
    found += blocking_violations(phone)
    phone.get_by_role("button", name="Kirim jawaban").click()

    phone.get_by_role("heading", name="Terima kasih!").wait_for()
    found += blocking_violations(phone)
    assert found == []
