"""Offline class mode in Chromium (issue #18, points 6 and 7): the connection is cut with Playwright's
``context.set_offline``, answers wait in IndexedDB, and each arrives exactly once when the connection returns."""

import time

import pytest
from django.db import DatabaseError
from playwright.sync_api import expect

from surveys import offline_views
from surveys.models import Response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUEUED = "Jawabanmu tersimpan di perangkat ini dan akan terkirim otomatis"
RESEND_LIMIT = 5.0  # seconds from the connection's return to the answers stored (point 7)


@pytest.fixture
def tablet(browser):
    context = browser.new_context(viewport={"width": 800, "height": 1280}, locale="id-ID")
    yield context
    context.close()


def watch(page) -> None:
    """Collect, in ``page.problems``, uncaught script errors and Content-Security-Policy violations."""
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"uncaught: {error}"))
    page.on("console", lambda message: "Content Security Policy" in message.text and page.problems.append(message.text))


def open_offline_screen(context, url: str):
    """The offline screen, opened online, once the service worker controls it and its files are kept."""
    page = context.new_page()
    watch(page)
    page.goto(url)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15000)
    kept = "async () => (await (await caches.open('suara-anak-pages')).keys()).length"
    wait_for(lambda: page.evaluate(kept) >= 3)
    return page


def wait_for(condition, timeout: float = 15.0) -> float:
    """Seconds until ``condition()`` holds (fails after ``timeout``)."""
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < timeout, "timed out"
        time.sleep(0.05)
    return time.monotonic() - start


def start(page) -> None:
    page.get_by_role("button", name="Saya setuju, mulai").click()
    expect(page.get_by_role("heading", name="Tentang kamu", level=1)).to_be_visible()


def answer_about_and_first_section(page) -> None:
    page.locator("input[name=age_band][value='13-15']").check(force=True)
    page.locator("[data-screen=about] [data-action=next]").click()
    expect(page.get_by_role("heading", name="Merasa aman", level=1)).to_be_visible()
    page.locator("input[name=safe_school][value='3']").check(force=True)
    page.locator("input[name=bullied][value='no']").check(force=True)
    page.locator("[data-section='0'] [data-action=next]").click()
    expect(page.get_by_role("heading", name="Lainnya", level=1)).to_be_visible()


def finish(page, wish: str = "") -> None:
    page.locator("input[name=friends]").fill("3")
    page.locator("input[name=wish]").fill(wish)
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_role("heading", name="Terima kasih!", level=1)).to_be_visible()


def test_a_a_child_offline_after_the_first_section_is_stored_once_when_back_online(live_server, tablet, survey):
    page = open_offline_screen(tablet, live_server.url + survey.url + "luring/")
    start(page)
    answer_about_and_first_section(page)
    tablet.set_offline(True)
    finish(page, wish="Taman bermain")
    expect(page.get_by_text(QUEUED)).to_be_visible()
    expect(page.get_by_role("heading", name="Kalau kamu butuh bantuan atau ingin bercerita")).to_be_visible()
    page.close(run_before_unload=False)
    assert not Response.objects.exists()

    tablet.set_offline(False)
    again = tablet.new_page()
    again.goto(live_server.url + survey.url + "luring/")
    wait_for(lambda: Response.objects.count() == 1)
    expect(again.locator("#offline-queue")).to_be_hidden()
    time.sleep(1)
    assert Response.objects.get().answers.filter(question_code="wish", text_value="Taman bermain").exists()
    assert Response.objects.count() == 1


def test_b_five_children_on_one_tablet_offline_are_five_responses_and_five_uses(
    live_server, tablet, survey, make_code, school, capsys
):
    code = make_code(survey, max_uses=40)
    url = live_server.url + survey.url + "luring/?perangkat=bersama"
    page = open_offline_screen(tablet, url)
    page.get_by_label("Kode kelas (kalau ada)").fill(code.code)
    page.get_by_label("Berapa anak yang akan mengisi di tablet ini?").fill("5")
    start(page)  # the teacher prepares the tablet online: five keys, five uses reserved
    code.refresh_from_db()
    assert code.uses == 5

    tablet.set_offline(True)
    page.reload()  # the service worker serves the screen without a connection
    expect(page.get_by_text("0 jawaban menunggu dikirim")).to_be_visible()
    for child in range(5):
        start(page)
        answer_about_and_first_section(page)
        finish(page, wish=f"Rahasia anak {child}")
        expect(page.get_by_text(f"{child + 1} jawaban menunggu dikirim")).to_be_visible()
        expect(page.get_by_text("Jangan hapus data situs"), "the warning stands while answers wait").to_be_visible()
        page.get_by_role("button", name="Giliran teman berikutnya").click()
        expect(page.get_by_role("button", name="Saya setuju, mulai")).to_be_visible()
        assert page.locator("input[name=wish]").input_value() == "", "the screen is wiped for the next child"
        assert "Rahasia anak" not in page.locator("body").inner_text()
    assert not Response.objects.exists()

    tablet.set_offline(False)
    seconds = wait_for(lambda: Response.objects.count() == 5)
    with capsys.disabled():
        print(f"\n5 queued answers stored {seconds:.2f} s after the connection came back (limit {RESEND_LIMIT} s)")
    assert seconds <= RESEND_LIMIT
    assert Response.objects.filter(school=school).count() == 5
    code.refresh_from_db()
    assert code.uses == 5, "the uses rose by five, once"
    expect(page.get_by_text("0 jawaban menunggu dikirim")).to_be_visible()
    assert page.problems == [], "no script error and nothing the strict CSP blocked"


def test_c_the_same_queued_answer_sent_twice_at_once_is_stored_once(live_server, tablet, survey):
    url = live_server.url + survey.url + "luring/"
    page = open_offline_screen(tablet, url)
    start(page)
    answer_about_and_first_section(page)
    tablet.set_offline(True)
    finish(page)
    other_tab = tablet.new_page()
    other_tab.goto(url)  # from the service worker's cache
    expect(other_tab.get_by_text("1 jawaban menunggu dikirim")).to_be_visible()
    record = page.evaluate(
        """() => new Promise(resolve => {
            indexedDB.open("suara-anak").onsuccess = event => {
                event.target.result.transaction("queue").objectStore("queue").getAll().onsuccess = got => {
                    resolve(got.target.result[0]);
                };
            };
        })"""
    )
    tablet.set_offline(False)  # both tabs send it on the `online` event
    sent_twice = page.evaluate(
        """record => Promise.all([1, 2].map(() => fetch("/survei-luring/antrean/", {
            method: "POST", headers: {"Content-Type": "application/json"},
            body: JSON.stringify({key: record.key, answers: record.answers, about: record.about})
        }).then(response => response.status)))""",
        record,
    )
    wait_for(lambda: Response.objects.count() == 1)
    time.sleep(1.5)
    assert Response.objects.count() == 1
    assert set(sent_twice) <= {200, 201}
    expect(page.get_by_text("1 jawaban menunggu dikirim")).to_be_hidden()


def test_d_a_service_worker_update_while_two_answers_wait_loses_neither(live_server, tablet, survey, monkeypatch):
    page = open_offline_screen(tablet, live_server.url + survey.url + "luring/?perangkat=bersama")
    page.get_by_label("Berapa anak yang akan mengisi di tablet ini?").fill("2")
    tablet.set_offline(True)
    page.get_by_role("button", name="Saya setuju, mulai").click()  # no keys yet: prepared online first
    expect(page.get_by_text("Perangkat ini belum siap dipakai tanpa sinyal")).to_be_visible()
    tablet.set_offline(False)
    start(page)
    tablet.set_offline(True)
    for _child in range(2):
        answer_about_and_first_section(page)
        finish(page)
        page.get_by_role("button", name="Giliran teman berikutnya").click()
        if _child == 0:
            start(page)
    expect(page.get_by_text("2 jawaban menunggu dikirim")).to_be_visible()

    def server_down(data):
        raise DatabaseError("the database is down while the new version rolls out")

    store_queued = offline_views.store_queued
    monkeypatch.setattr(offline_views, "store_queued", server_down)
    tablet.set_offline(False)
    new_version = offline_views.service_worker_source() + b"\n/* a new version */\n"
    monkeypatch.setattr(offline_views, "service_worker_source", lambda: new_version)
    changed = page.evaluate(
        """() => new Promise(resolve => {
            navigator.serviceWorker.addEventListener("controllerchange", () => resolve(true));
            navigator.serviceWorker.getRegistration().then(registration => registration.update());
        })"""
    )
    assert changed, "the new service worker took over"
    page.reload()
    expect(page.get_by_text("2 jawaban menunggu dikirim")).to_be_visible()
    assert not Response.objects.exists()

    monkeypatch.setattr(offline_views, "store_queued", store_queued)
    page.get_by_role("button", name="Kirim sekarang").click()
    wait_for(lambda: Response.objects.count() == 2)
    expect(page.get_by_text("0 jawaban menunggu dikirim")).to_be_visible()
    assert page.problems == []
