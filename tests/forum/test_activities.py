import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.vocabulary import AgeBand, Role, Sex
from forum.models import Activity, ActivityHeadCount, ActivityKind, ActivityPhoto


@pytest.fixture
def image(db):
    return get_image_model().objects.create(title="Foto", file=get_test_image_file())


@pytest.fixture
def activity(two_kecamatan) -> Activity:
    activity = Activity.objects.create(
        group=two_kecamatan[0],
        date=datetime.date(2026, 5, 1),
        kind=ActivityKind.MUSRENBANG,
        place="Kantor Camat",
        summary="Usulan anak dibacakan.",
    )
    ActivityHeadCount.objects.create(activity=activity, sex=Sex.FEMALE, age_band=AgeBand.FROM_13_TO_15, children=4)
    ActivityHeadCount.objects.create(activity=activity, sex=Sex.MALE, age_band=AgeBand.FROM_10_TO_12, children=3)
    return Activity.objects.get(pk=activity.pk)


def test_participants_are_counts_by_sex_and_age_band(activity):
    assert activity.participant_total == 7
    assert activity.participants(Sex.FEMALE, AgeBand.FROM_13_TO_15) == 4
    assert activity.participants(Sex.MALE, AgeBand.FROM_13_TO_15) == 0


def test_an_activity_counts_each_sex_and_age_band_once(activity):
    with pytest.raises(IntegrityError):
        ActivityHeadCount.objects.create(activity=activity, sex=Sex.FEMALE, age_band=AgeBand.FROM_13_TO_15, children=1)


def test_a_photo_without_consent_is_refused_by_the_model_and_the_database(activity, image):
    photo = ActivityPhoto(activity=activity, image=image, has_consent=False)
    with pytest.raises(ValidationError) as refused:
        photo.full_clean()
    assert "has_consent" in refused.value.message_dict
    with pytest.raises(IntegrityError):
        photo.save()


def head_count_forms(counts: list[tuple[str, str, int]]) -> dict:
    data = {
        "head_counts-TOTAL_FORMS": str(len(counts)),
        "head_counts-INITIAL_FORMS": "0",
        "head_counts-MIN_NUM_FORMS": "0",
        "head_counts-MAX_NUM_FORMS": "1000",
    }
    for number, (sex, band, children) in enumerate(counts):
        prefix = f"head_counts-{number}-"
        data |= {f"{prefix}sex": sex, f"{prefix}age_band": band, f"{prefix}children": str(children)}
        data |= {f"{prefix}id": "", f"{prefix}ORDER": str(number + 1), f"{prefix}DELETE": ""}
    return data


def activity_form(group, *, photo_consent: bool | None = None, image=None, counts=None) -> dict:
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
    data |= head_count_forms(counts or [(sex, band, 1) for sex in (Sex.FEMALE, Sex.MALE) for band in AgeBand.values])
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


def test_the_admin_form_records_head_counts_by_canonical_sex_and_age_band(client, two_kecamatan, make_user):
    facilitator = make_user(Role.FACILITATOR)
    two_kecamatan[0].facilitators.add(facilitator)
    client.force_login(facilitator)
    counts = [(Sex.FEMALE, AgeBand.UP_TO_9, 2), (Sex.MALE, AgeBand.FROM_16_TO_17, 5)]
    response = client.post(reverse("forum_activities:add"), activity_form(two_kecamatan[0], counts=counts))
    assert response.status_code == HTTPStatus.FOUND
    assert set(ActivityHeadCount.objects.values_list("sex", "age_band", "children")) == set(counts)


def test_the_admin_form_refuses_the_same_sex_and_age_band_twice_and_keeps_what_was_typed(
    client, two_kecamatan, make_user
):
    facilitator = make_user(Role.FACILITATOR)
    two_kecamatan[0].facilitators.add(facilitator)
    client.force_login(facilitator)
    counts = [(Sex.FEMALE, AgeBand.UP_TO_9, 2), (Sex.FEMALE, AgeBand.UP_TO_9, 3)]
    response = client.post(reverse("forum_activities:add"), activity_form(two_kecamatan[0], counts=counts))
    assert response.status_code == HTTPStatus.OK
    assert not Activity.objects.exists()
    assert "Rapat pengurus" in response.content.decode()


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
