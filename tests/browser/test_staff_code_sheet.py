"""The coordinator's printable sheet in a real browser. (Named to sort after test_csp and test_public_pages: their
serialized rollback cannot restore a database a transactional test has flushed before them.)"""

import pytest
from django.conf import settings

from tests.conftest import Client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MM = 96 / 25.4


def sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def qr_sizes(page) -> list[list[float]]:
    """Each QR image's decoded width (0 when it failed to load) and its width on the page, in CSS pixels."""
    return page.eval_on_selector_all(
        "img.slip-qr", "images => images.map(image => [image.naturalWidth, image.getBoundingClientRect().width])"
    )


def test_coordinators_sheet_shows_qr_codes_on_a_phone_and_in_print(
    live_server, phone, survey, coordinator, school, make_code
):
    codes = [make_code(survey) for _ in range(4)]
    sign_in(phone, live_server, coordinator)
    phone.goto(f"{live_server.url}/staf/survei/{survey.pk}/sekolah/{school.pk}/kode/cetak/")
    for code in codes:
        assert phone.get_by_text(code.code, exact=True).is_visible()
    sizes = qr_sizes(phone)
    assert len(sizes) == 4
    assert all(natural > 0 and 120 <= shown <= 360 for natural, shown in sizes), sizes
    assert phone.locator(".site-header").is_visible()

    phone.set_viewport_size({"width": 794, "height": 1123})
    phone.emulate_media(media="print")
    assert not phone.locator(".site-header").is_visible()
    assert not phone.locator(".screen-only").is_visible()
    sizes = qr_sizes(phone)
    assert all(natural > 0 and abs(shown - 35 * MM) < 2 for natural, shown in sizes), sizes
    tops = phone.eval_on_selector_all(
        ".slip", "slips => slips.map(slip => Math.round(slip.getBoundingClientRect().top))"
    )
    assert tops[0] == tops[1] == tops[2] and tops[3] > tops[0], "three slips to a row on paper"
