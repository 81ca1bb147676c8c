"""A Forum Anak member's story: the member drafts it in the Wagtail admin and sends it for approval, a facilitator
approves it, and it is live for anyone."""

import re

import pytest

from cms.demo import seed_sections
from cms.models import ArticlePage
from cms.roles import Role
from tests.browser.journeys import axe_violations, new_page, report_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(scope, name: str, role: str = "textbox"):
    """The admin field labelled exactly ``name`` (a required one's label ends with an asterisk)."""
    return scope.get_by_role(role, name=re.compile(rf"^{re.escape(name)}\*?$", re.IGNORECASE))


def test_member_drafts_a_story_a_facilitator_approves_it_and_it_goes_live(live_server, browser, home, make_user):
    from playwright.sync_api import expect

    stories = seed_sections(home)["stories"]
    member = make_user(Role.FORUM_MEMBER, email="anggota@example.test")
    facilitator = make_user(Role.FACILITATOR, email="fasilitator@example.test")
    found: list[str] = []

    editor = new_page(browser)
    sign_in(editor, live_server, member, next_path="/admin/", found=found)
    editor.goto(f"{live_server.url}/admin/pages/{stories.pk}/add_subpage/")
    field(editor, "Judul").fill("Kerja bakti di taman kelurahan")
    field(editor, "tanggal").fill("2026-10-10")
    field(editor, "ditulis oleh (kelompok)").fill("Forum Anak Kelurahan Uji")
    field(editor, "ringkasan").fill("Kami membersihkan taman bermain bersama warga.")
    report_violations(editor, "wagtail story editor (member)")
    editor.locator("footer .w-dropdown__toggle").click()
    editor.get_by_role("button", name=re.compile("Persetujuan fasilitator")).click()
    expect(editor.locator(".messages .success")).to_contain_text("Kerja bakti di taman kelurahan")
    editor.context.close()

    story = ArticlePage.objects.get(slug="kerja-bakti-di-taman-kelurahan")
    assert not story.live
    assert story.current_workflow_state.status == "in_progress"

    reviewer = new_page(browser)
    sign_in(reviewer, live_server, facilitator, next_path="/admin/", found=found)
    reviewer.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    report_violations(reviewer, "wagtail story editor (facilitator)")
    reviewer.locator("footer .w-dropdown__toggle").click()
    reviewer.get_by_role("button", name="Menyetujui dan Publikasikan").click()
    expect(reviewer.locator(".messages .success")).to_contain_text("Kerja bakti di taman kelurahan")
    reviewer.context.close()

    story.refresh_from_db()
    assert story.live
    reader = new_page(browser, width=360, height=740, mobile=True)
    reader.goto(live_server.url + "/")
    reader.get_by_role("navigation", name="Menu utama").get_by_role("link", name=stories.title).click()
    expect(reader.get_by_role("heading", name=stories.title, level=1)).to_be_visible()
    found += axe_violations(reader)
    reader.get_by_role("link", name="Kerja bakti di taman kelurahan").click()
    expect(reader.get_by_role("heading", name="Kerja bakti di taman kelurahan", level=1)).to_be_visible()
    expect(reader.get_by_text("Forum Anak Kelurahan Uji")).to_be_visible()
    expect(reader.get_by_text("anggota@example.test"), "the child author stays anonymous").to_have_count(0)
    found += axe_violations(reader)
    reader.context.close()
    assert found == []
