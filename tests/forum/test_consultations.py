import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from cms.models import Region
from cms.roles import Role
from forum.forms import INPUT_MAX_LENGTH
from forum.models import ConsultationInput, ConsultationTarget, InputStatus


def test_the_index_lists_open_awaiting_and_answered_consultations(client, make_consultation, make_user):
    from forum.models import ConsultationSummary
    from forum.services import record_answer

    make_consultation("terbuka", title="Konsultasi terbuka", days=(-3, 3))
    make_consultation("menunggu", title="Konsultasi menunggu", days=(-30, -10))
    answered = make_consultation("dijawab", title="Konsultasi dijawab", days=(-60, -40))
    ConsultationSummary.objects.create(
        consultation=answered, text="Rangkuman", delivered_on=timezone.localdate(), delivered_to="Kadis"
    )
    record_answer(answered, decision="accepted", reasons="Baik", next_steps="Dibangun", user=make_user(Role.OFFICIAL))
    content = client.get("/konsultasi/").content.decode()
    open_at, awaiting_at, answered_at = (content.index(heading) for heading in ("Sedang dibuka", "Menunggu", "Sudah"))
    assert open_at < content.index("Konsultasi terbuka") < awaiting_at
    assert awaiting_at < content.index("Konsultasi menunggu") < answered_at
    assert answered_at < content.index("Konsultasi dijawab")


def test_a_child_sends_input_with_a_plain_post_and_sees_thanks(client, make_consultation):
    page = make_consultation()
    kelurahan = Region.objects.kelurahan().first()
    response = client.post(
        page.url, {"text": "Taman harus bebas asap rokok.", "age_band": "13-15", "kelurahan": kelurahan.pk}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{page.url}?terkirim=1"
    stored = ConsultationInput.objects.get()
    assert (stored.text, stored.age_band, stored.kelurahan, stored.status) == (
        "Taman harus bebas asap rokok.",
        "13-15",
        kelurahan,
        InputStatus.PENDING,
    )
    assert stored.submitted_on == timezone.localdate()
    assert isinstance(stored.submitted_on, datetime.date) and not isinstance(stored.submitted_on, datetime.datetime)
    thanks = client.get(response["Location"]).content.decode()
    assert "Terima kasih" in thanks


def test_age_band_and_kelurahan_are_optional(client, make_consultation):
    page = make_consultation()
    assert client.post(page.url, {"text": "Saya setuju."}).status_code == HTTPStatus.FOUND
    assert ConsultationInput.objects.get().kelurahan is None


def test_nothing_unapproved_is_public(client, make_consultation):
    page = make_consultation()
    for status, text in [
        (InputStatus.PENDING, "Menunggu moderasi QX1"),
        (InputStatus.HIDDEN, "Disembunyikan QX2"),
        (InputStatus.APPROVED, "Disetujui 333"),
    ]:
        ConsultationInput.objects.create(consultation=page, text=text, submitted_on=timezone.localdate(), status=status)
    for url in (page.url, f"{page.url}?terkirim=1", "/konsultasi/", "/en/konsultasi/"):
        content = client.get(url).content.decode()
        assert "QX1" not in content and "QX2" not in content, url
    assert "Disetujui 333" in client.get(page.url).content.decode()


def test_a_filled_honeypot_refuses_the_input_but_keeps_the_text(client, make_consultation):
    page = make_consultation()
    response = client.post(page.url, {"text": "Teks panjang yang sudah saya ketik", "website": "http://spam"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    content = response.content.decode()
    assert "Teks panjang yang sudah saya ketik" in content
    assert "Kosongkan kolom" in content
    assert not ConsultationInput.objects.exists()


def test_input_over_the_length_limit_is_refused_but_kept(client, make_consultation):
    page = make_consultation()
    too_long = "a" * (INPUT_MAX_LENGTH + 1)
    response = client.post(page.url, {"text": too_long})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    content = response.content.decode()
    assert too_long in content and "terlalu panjang" in content
    assert not ConsultationInput.objects.exists()
    assert client.post(page.url, {"text": "a" * INPUT_MAX_LENGTH}).status_code == HTTPStatus.FOUND


def test_an_empty_input_gets_an_indonesian_error(client, make_consultation):
    response = client.post(make_consultation().url, {"text": "  ", "age_band": "16-17"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Tulis dulu masukanmu" in response.content.decode()


def test_a_nonsense_choice_is_a_form_error_not_a_crash(client, make_consultation):
    response = client.post(make_consultation().url, {"text": "Halo", "age_band": "99", "kelurahan": "abc"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Halo" in response.content.decode()


def test_too_many_inputs_from_one_client_get_a_429(client, make_consultation, settings):
    settings.FORUM_INPUT_RATE = "2/m"
    page = make_consultation()
    for _ in range(2):
        assert client.post(page.url, {"text": "Masukan"}).status_code == HTTPStatus.FOUND
    refused = client.post(page.url, {"text": "Masukan"})
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert ConsultationInput.objects.count() == 2
    assert client.get(page.url).status_code == HTTPStatus.OK


def test_the_input_model_holds_no_personal_data():
    fields = {field.name for field in ConsultationInput._meta.get_fields()}
    # tracking_code (an HMAC of the kode jejak) and proposals (made from the input) are reverse relations, no data.
    expected = {"id", "consultation", "text", "age_band", "kelurahan", "submitted_on", "status"}
    assert fields == expected | {"tracking_code", "proposals"}
    submitted_on = ConsultationInput._meta.get_field("submitted_on")
    assert submitted_on.get_internal_type() == "DateField"


def test_a_closed_consultation_takes_no_input(client, make_consultation):
    page = make_consultation(days=(-20, -1))
    response = client.post(page.url, {"text": "Terlambat"})
    assert response.status_code == HTTPStatus.OK
    assert 'name="text"' not in response.content.decode()
    assert not ConsultationInput.objects.exists()


def test_a_consultation_for_one_kecamatan_offers_only_its_kelurahan(client, make_consultation):
    kecamatan = Region.objects.kecamatan().first()
    page = make_consultation(target=ConsultationTarget.KECAMATAN, target_kecamatan=kecamatan)
    form = client.get(page.url).context["form"]
    assert set(form.fields["kelurahan"].queryset) == set(Region.objects.kelurahan().filter(parent=kecamatan))
    outside = Region.objects.kelurahan().exclude(parent=kecamatan).first()
    assert client.post(page.url, {"text": "Hai", "kelurahan": outside.pk}).status_code == HTTPStatus.BAD_REQUEST


@pytest.fixture
def pending_input(make_consultation) -> ConsultationInput:
    return ConsultationInput.objects.create(
        consultation=make_consultation(),
        text="Nama saya Budi, HP 0812. Taman harus bersih.",
        submitted_on=timezone.localdate(),
    )


def test_a_facilitator_approves_and_removes_personal_details(client, make_user, pending_input):
    facilitator = make_user(Role.FACILITATOR)
    client.force_login(facilitator)
    response = client.post(
        reverse("forum_inputs:edit", args=[pending_input.pk]),
        {"text": "Taman harus bersih.", "status": InputStatus.APPROVED},
    )
    assert response.status_code == HTTPStatus.FOUND
    pending_input.refresh_from_db()
    assert (pending_input.text, pending_input.status) == ("Taman harus bersih.", InputStatus.APPROVED)
    entry = ModelLogEntry.objects.get(action="suara_anak.input_moderate")
    assert entry.user == facilitator and entry.data == {"status": "approved", "edited": True}
    assert "Budi" not in str(entry.data)
    assert not ModelLogEntry.objects.filter(label__contains="Budi").exists()
    public = client.get(pending_input.consultation.url).content.decode()
    assert "Taman harus bersih." in public and "Budi" not in public


def test_a_facilitator_hides_an_input(client, make_user, pending_input):
    client.force_login(make_user(Role.FACILITATOR))
    client.post(
        reverse("forum_inputs:edit", args=[pending_input.pk]),
        {"text": pending_input.text, "status": InputStatus.HIDDEN},
    )
    pending_input.refresh_from_db()
    assert pending_input.status == InputStatus.HIDDEN
    assert "Budi" not in client.get(pending_input.consultation.url).content.decode()


@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.SCHOOL_COORDINATOR, Role.FORUM_MEMBER])
def test_only_facilitators_moderate(client, make_user, pending_input, role):
    client.force_login(make_user(role))
    response = client.post(
        reverse("forum_inputs:edit", args=[pending_input.pk]), {"text": "x", "status": InputStatus.APPROVED}
    )
    assert response.status_code in {HTTPStatus.FOUND, HTTPStatus.FORBIDDEN}
    pending_input.refresh_from_db()
    assert pending_input.status == InputStatus.PENDING


def test_consultation_pages_live_under_one_index_below_the_home_page(home):
    from forum.models import ConsultationIndexPage, ConsultationPage

    assert ConsultationIndexPage.can_create_at(home)
    assert not ConsultationPage.can_create_at(home)
    index = home.add_child(instance=ConsultationIndexPage(title="Konsultasi", slug="konsultasi"))
    assert ConsultationPage.can_create_at(index)
    assert not ConsultationIndexPage.can_create_at(home)
