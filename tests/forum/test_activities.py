import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.roles import Role
from forum.models import Activity, ActivityKind, ActivityPhoto


@pytest.fixture
def image(db):
    return get_image_model().objects.create(title="Foto", file=get_test_image_file())


@pytest.fixture
def activity(two_kecamatan) -> Activity:
    return Activity.objects.create(
        group=two_kecamatan[0],
        date=datetime.date(2026, 5, 1),
        kind=ActivityKind.MUSRENBANG,
        place="Kantor Camat",
        summary="Usulan anak dibacakan.",
        girls_from_13_to_15=4,
        boys_from_10_to_12=3,
    )


def test_participants_are_counts_by_sex_and_age_band(activity):
    assert activity.participant_total == 7


def test_a_photo_without_consent_is_refused_by_the_model_and_the_database(activity, image):
    photo = ActivityPhoto(activity=activity, image=image, has_consent=False)
    with pytest.raises(ValidationError) as refused:
        photo.full_clean()
    assert "has_consent" in refused.value.message_dict
    with pytest.raises(IntegrityError):
        photo.save()


def activity_form(group, *, photo_consent: bool | None = None, image=None) -> dict:
    data = {
        "group": group.pk,
        "date": "2026-05-02",
        "kind": ActivityKind.MEETING,
        "place": "Aula",
        "summary": "Rapat pengurus",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    for sex in ("girls", "boys"):
        for band in ("up_to_9", "from_10_to_12", "from_13_to_15", "from_16_to_17"):
            data[f"{sex}_{band}"] = "1"
    if image is not None:
        data |= {
            "photos-TOTAL_FORMS": "1",
            "photos-0-image": image.pk,
            "photos-0-caption": "Foto bersama",
            "photos-0-ORDER": "1",
            "photos-0-id": "",
            "photos-0-DELETE": "",
        }
        if photo_consent:
            data["photos-0-has_consent"] = "on"
    return data


@pytest.mark.parametrize("consent", [False, True])
def test_the_admin_form_attaches_a_photo_only_with_the_consent_checkbox(
    client, two_kecamatan, make_user, image, consent
):
    facilitator = make_user(Role.FACILITATOR)
    two_kecamatan[0].facilitators.add(facilitator)
    client.force_login(facilitator)
    response = client.post(
        reverse("forum_activities:add"), activity_form(two_kecamatan[0], photo_consent=consent, image=image)
    )
    if consent:
        assert response.status_code == HTTPStatus.FOUND
        assert Activity.objects.get().photos.count() == 1
    else:
        assert response.status_code == HTTPStatus.OK
        assert not Activity.objects.exists()
        assert "izin" in response.content.decode()


def test_a_facilitator_cannot_see_another_kecamatans_activities(client, two_kecamatan, make_user, activity):
    facilitator = make_user(Role.FACILITATOR)
    two_kecamatan[1].facilitators.add(facilitator)
    client.force_login(facilitator)
    assert "Kantor Camat" not in client.get(reverse("forum_activities:index")).content.decode()
    assert client.get(reverse("forum_activities:edit", args=[activity.pk])).status_code == HTTPStatus.NOT_FOUND


def test_facilitators_may_upload_images_for_activity_photos(client, make_user):
    client.force_login(make_user(Role.FACILITATOR))
    upload = SimpleUploadedFile("foto.png", get_test_image_file().file.getvalue(), content_type="image/png")
    response = client.post(reverse("wagtailimages:add"), {"title": "Foto kegiatan", "file": upload})
    assert response.status_code == HTTPStatus.FOUND
    assert get_image_model().objects.filter(title="Foto kegiatan").exists()
