"""What the journey tests share: signing in through the real login form, and axe-core on the page at hand."""

import os
import re
from pathlib import Path

from tests.conftest import PASSWORD, current_totp_code

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def new_page(browser, *, width: int = 1280, height: int = 900, mobile: bool = False, javascript: bool = True):
    """A fresh context that may inject axe-core despite the page's Content-Security-Policy; ``javascript=False``
    runs none of the page's scripts (Playwright's own ``evaluate`` still works)."""
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale="id-ID",
        is_mobile=mobile,
        bypass_csp=True,
        java_script_enabled=javascript,
    )
    context.set_default_timeout(15_000)
    return context.new_page()


def sign_in(page, live_server, user, *, next_path: str | None = None, found: list[str] | None = None) -> None:
    """Email and password on the login form, then the authenticator code when the account has one.

    Without ``next_path`` the user lands wherever the site sends them after signing in. With ``found``, axe-core's serious and critical violations on the login and MFA pages are added to it.
    """
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/akun/login/" + (f"?next={next_path}" if next_path else ""))
    if found is not None:
        found += axe_violations(page)
    page.get_by_label("Surel").fill(user.email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    if user.authenticator_set.exists():
        code = page.get_by_label("Kode")
        expect(code).to_be_visible()
        if found is not None:
            found += axe_violations(page)
        code.fill(current_totp_code())
        page.get_by_role("button", name="Masuk").click()
    if next_path:
        page.wait_for_url(f"**{next_path}*")
    else:
        expect(page).not_to_have_url(re.compile(r"/akun/"))


def inject_axe(page) -> None:
    """axe-core into the page once it has loaded. A click just before may still be navigating: the old document
    goes away under the injection ("Cannot read properties of null", "Execution context was destroyed"), so wait
    for the new one to load and inject again."""
    from playwright.sync_api import Error

    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            page.add_script_tag(path=str(AXE))
            return
        except Error as error:
            navigating = "appendChild" in str(error) or "context was destroyed" in str(error)
            if not navigating or attempt == 2:
                raise
            page.wait_for_timeout(200)


def axe_violations(page, impacts=BLOCKING) -> list[str]:
    """axe-core's violations of the given impacts on the page as it is now, one line each."""
    inject_axe(page)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert results["passes"], f"axe checked nothing on {page.url}"
    if os.environ.get("SUARA_AXE_REPORT"):
        for violation in results["violations"]:
            print(page.url, violation["impact"], violation["id"], [node["target"] for node in violation["nodes"]])
    return [
        f"{page.url} {violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(", ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in impacts
    ]


def report_violations(page, label: str) -> None:
    """Wagtail's own admin is not ours to fix: print axe-core's findings there for the report, assert nothing."""
    inject_axe(page)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    for violation in results["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        print(f"[axe {label}] {page.url} {violation['impact']} {violation['id']} x{len(violation['nodes'])} {targets}")
