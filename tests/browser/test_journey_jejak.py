"""Jejak Suara from end to end: a child sends an input on a phone and keeps her kode jejak; a facilitator makes it a
proposal and moves it through Musrenbang in the Wagtail admin; an official records the agency's answer; the child
reads the answer with her code on a 360px phone, says whether she felt heard, and axe-core finds nothing serious."""

import re

import pytest
from django.utils import timezone

from cms.roles import Role
from forum.models import HeardAnswer, Proposal, StepKind
from tests.browser.journeys import axe_violations, new_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def save(page) -> None:
    """Wagtail's main action in the form's footer ("Simpan")."""
    page.locator("footer .actions--primary button.button-longrunning[type=submit]").first.click()


def add_step(page, live_server, proposal_title: str, kind_label: str, **fields) -> None:
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/admin/forum_proposal_steps/new/")
    page.locator("#id_proposal").select_option(label=proposal_title)
    page.locator("#id_kind").select_option(label=kind_label)
    page.locator("#id_on").fill(timezone.localdate().isoformat())
    for field, value in fields.items():
        page.locator(f"#id_{field}").fill(value)
    save(page)
    expect(page).to_have_url(re.compile(r"/admin/forum_proposal_steps/$"))


def test_a_childs_input_is_followed_from_her_code_to_the_agency_answer(
    live_server, browser, make_user, make_consultation
):
    from playwright.sync_api import expect

    consultation = make_consultation("ktr", title="Kawasan tanpa rokok")
    found: list[str] = []

    child = new_page(browser, width=360, height=740, mobile=True)
    child.goto(f"{live_server.url}/konsultasi/ktr/")
    child.get_by_label("Masukanmu").fill("Tolong pasang papan dilarang merokok di depan sekolah.")
    child.get_by_role("button", name="Kirim masukan").click()
    code = child.get_by_test_id("kode-jejak").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    found += axe_violations(child)
    child.reload()
    expect(child.get_by_test_id("kode-jejak")).to_have_count(0)
    child.context.close()

    facilitator = make_user(Role.FACILITATOR)
    admin = new_page(browser)
    sign_in(admin, live_server, facilitator, next_path="/admin/")
    admin.goto(f"{live_server.url}/admin/forum_proposals/new/")
    admin.locator("#id_title").fill("Papan dilarang merokok di depan sekolah")
    admin.locator("#id_source").select_option(value="consultation")
    admin.locator("#id_consultation").select_option(label=consultation.title)
    admin.locator("#id_inputs").select_option(index=0)
    save(admin)
    expect(admin).to_have_url(re.compile(r"/admin/forum_proposals/$"))
    title = "Papan dilarang merokok di depan sekolah"
    add_step(admin, live_server, title, "Dibahas Forum Anak")
    add_step(admin, live_server, title, "Dibawa ke Musrenbang kelurahan")
    add_step(admin, live_server, title, "Dibawa ke Musrenbang kecamatan")
    admin.goto(f"{live_server.url}/admin/forum_proposal_steps/new/")
    offered = admin.locator("#id_kind option").all_inner_texts()
    assert "Dijawab instansi: diterima" not in offered, "the agency's answer is not the facilitator's to record"
    admin.context.close()

    official = make_user(Role.OFFICIAL, email="opd@example.test")
    agency = new_page(browser)
    sign_in(agency, live_server, official, next_path="/admin/")
    add_step(
        agency,
        live_server,
        title,
        "Dijawab instansi: diterima",
        note="Rokok berbahaya untuk kalian. Papan dipasang bulan depan.",
    )
    agency.context.close()
    proposal = Proposal.objects.get()
    assert proposal.stage == StepKind.ACCEPTED
    assert list(proposal.steps.values_list("kind", flat=True)) == [
        StepKind.RECEIVED,
        StepKind.DISCUSSED,
        StepKind.MUSRENBANG_KELURAHAN,
        StepKind.MUSRENBANG_KECAMATAN,
        StepKind.ACCEPTED,
    ]

    phone = new_page(browser, width=360, height=740, mobile=True)
    phone.goto(f"{live_server.url}/jejak/")
    found += axe_violations(phone)
    phone.get_by_label("Kode jejakmu").fill(code.lower().replace("-", " "))
    phone.get_by_role("button", name="Lihat jejak usulanku").click()
    expect(phone.get_by_role("heading", name="Jejak usulanmu")).to_be_visible()
    expect(phone.get_by_text("Usulanmu dibawa ke Musrenbang kecamatan.")).to_be_visible()
    expect(phone.get_by_text("Instansi menerima usulanmu!")).to_be_visible()
    expect(phone.get_by_text("Papan dipasang bulan depan.")).to_be_visible()
    assert facilitator.email not in phone.content() and official.email not in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360, "nothing wider than the phone"
    found += axe_violations(phone)
    phone.get_by_label("Ya, suaraku didengar").check()
    phone.get_by_label("Usulan kami dilaksanakan").check()
    phone.get_by_role("button", name="Kirim jawabanku").click()
    expect(phone.get_by_text("Terima kasih! Jawabanmu membantu kota")).to_be_visible()
    found += axe_violations(phone)
    phone.context.close()

    assert HeardAnswer.objects.get().felt_heard == "yes"
    assert found == []
