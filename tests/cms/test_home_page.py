import datetime

from django.utils import timezone

from tests.forum.conftest import consultation_index, make_consultation  # noqa: F401
from tests.surveys.conftest import make_survey, survey_index  # noqa: F401


def test_home_page_lists_open_surveys_and_consultations_only(client, home, request):
    make = request.getfixturevalue("make_survey")
    make(title="Survei Aman Sekolah", slug="aman")
    make(title="Survei Lama", slug="lama", closes_at=timezone.now() - datetime.timedelta(days=1))
    consult = request.getfixturevalue("make_consultation")
    consult("ktr", title="Konsultasi Kawasan Tanpa Rokok")
    consult("tutup", title="Konsultasi Yang Sudah Tutup", days=(-20, -10))

    body = client.get("/").content.decode()
    assert "Ikut bersuara" in body
    assert 'href="/survei/aman/"' in body and "Survei Aman Sekolah" in body
    assert "Konsultasi Kawasan Tanpa Rokok" in body
    assert "Survei Lama" not in body
    assert "Konsultasi Yang Sudah Tutup" not in body


def test_home_page_says_so_when_nothing_is_open(client, home):
    assert "belum ada survei atau konsultasi yang dibuka" in client.get("/").content.decode()
