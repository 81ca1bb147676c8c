import pytest
from wagtail.models import Page

from forum.models import ConsultationInput, InputStatus
from tests.conftest import restore_migrated_rows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def wagtail_root(transactional_db):
    """Wagtail's root page and the other rows the migrations made; an earlier transactional test may have flushed
    them (seen after ``test_submission_cost``'s transactional tests, in one process)."""
    if Page.get_first_root_node() is None:
        restore_migrated_rows()


@pytest.fixture
def phone_without_javascript(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="id-ID", is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    yield page
    context.close()


def test_a_child_gives_input_on_a_phone_with_javascript_off(
    wagtail_root, live_server, make_consultation, phone_without_javascript
):
    phone = phone_without_javascript
    consultation = make_consultation()
    phone.goto(live_server.url + consultation.url)
    assert not phone.get_by_label("Jangan isi kolom ini").is_visible()
    phone.get_by_label("Masukanmu").fill("Taman dekat rumah harus bebas asap rokok.")
    phone.get_by_label("Umurmu (boleh tidak diisi)").select_option("13-15")
    phone.get_by_role("button", name="Kirim masukan").click()
    phone.wait_for_url(f"{live_server.url}{consultation.url}?terkirim=1")
    assert "Terima kasih" in phone.locator("main").inner_text()
    assert "Taman dekat rumah" not in phone.locator("main").inner_text()
    stored = ConsultationInput.objects.get()
    assert (stored.age_band, stored.status) == ("13-15", InputStatus.PENDING)
