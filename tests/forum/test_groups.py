import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from cms.models import Region, RegionLevel
from cms.roles import Role
from cms.vocabulary import Sex
from forum.models import Activity, ActivityKind, ForumGroup, GroupStatus, Member, MemberRole
from forum.services import active_groups_by_level

DAY = datetime.date(2026, 6, 15)


def add_activity(group: ForumGroup, date: datetime.date) -> Activity:
    return Activity.objects.create(group=group, date=date, kind=ActivityKind.MEETING, place="Aula", summary="Rapat")


def test_one_group_per_region(forum_groups):
    region = Region.objects.kecamatan().first()
    with pytest.raises(IntegrityError):
        ForumGroup.objects.create(region=region)


def test_a_groups_level_is_its_regions_level(forum_groups):
    kelurahan = Region.objects.kelurahan().first()
    assert forum_groups[kelurahan.code].level == RegionLevel.KELURAHAN


def test_groups_exist_only_at_city_kecamatan_and_kelurahan_level(regions):
    province = Region.objects.get(level=RegionLevel.PROVINCE)
    with pytest.raises(ValidationError):
        ForumGroup(region=province).full_clean()


@pytest.mark.parametrize(
    ("status", "activity_day", "counts"),
    [
        (GroupStatus.ACTIVE, DAY, True),
        (GroupStatus.ACTIVE, datetime.date(2025, 6, 16), True),
        (GroupStatus.ACTIVE, datetime.date(2025, 6, 15), False),
        (GroupStatus.ACTIVE, datetime.date(2026, 6, 16), False),
        (GroupStatus.ACTIVE, None, False),
        (GroupStatus.INACTIVE, DAY, False),
    ],
)
def test_a_group_counts_as_active_with_active_status_and_an_activity_in_the_last_12_months(
    forum_groups, status, activity_day, counts
):
    group = next(iter(forum_groups.values()))
    group.status = status
    group.save()
    if activity_day:
        add_activity(group, activity_day)
    assert ForumGroup.objects.active(on=DAY).filter(pk=group.pk).exists() is counts


def test_active_groups_are_counted_per_level(forum_groups):
    for region in [*Region.objects.kecamatan()[:2], *Region.objects.kelurahan()[:5]]:
        add_activity(forum_groups[region.code], DAY)
    assert active_groups_by_level(DAY) == {"city": 0, "kecamatan": 2, "kelurahan": 5}
    assert ForumGroup.objects.count_by_level() == {"city": 1, "kecamatan": 6, "kelurahan": 34}


def test_the_public_profile_shows_the_group_and_its_activities_but_no_members(client, forum_groups, home):
    region = Region.objects.kecamatan().first()
    group = forum_groups[region.code]
    group.decree_number = "SK-123/2025"
    group.save()
    add_activity(group, datetime.date.today()).summary = "Kampanye"
    Member.objects.create(
        group=group,
        display_name="Rahasia Nadia",
        birth_year=2012,
        sex=Sex.FEMALE,
        kelurahan=Region.objects.kelurahan().first(),
        role=MemberRole.CHAIR,
        guardian_consent_on=DAY,
    )
    response = client.get(reverse("forum:group_detail", args=[region.code]))
    content = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "SK-123/2025" in content and region.name in content and "Aula" in content
    assert "Aktif" in content
    assert "Rahasia Nadia" not in content and "2012" not in content


def test_the_public_list_links_every_group(client, forum_groups, home):
    response = client.get(reverse("forum:group_list"))
    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert all(group.get_absolute_url() in content for group in forum_groups.values())
    assert "Forum Anak Kecamatan Balikpapan Timur" in content and "Forum Anak Kota Balikpapan" in content


def test_an_unknown_region_code_is_a_404(client, forum_groups, home):
    assert client.get("/forum-anak/99.99/").status_code == HTTPStatus.NOT_FOUND


def test_a_facilitator_can_edit_their_group_but_not_its_region_or_facilitators(client, two_kecamatan, make_user):
    own, other = two_kecamatan
    facilitator = make_user(Role.FACILITATOR)
    own.facilitators.add(facilitator)
    intruder = make_user(Role.FACILITATOR, email="lain@example.test")
    client.force_login(facilitator)
    response = client.post(
        reverse("forum_groups:edit", args=[own.pk]),
        {
            "region": other.region_id,
            "facilitators": [facilitator.pk, intruder.pk],
            "status": GroupStatus.INACTIVE,
            "decree_number": "SK-9",
            "about": "",
            "formed_on": "",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    own.refresh_from_db()
    assert own.status == GroupStatus.INACTIVE and own.decree_number == "SK-9"
    assert own.region_id != other.region_id
    assert list(own.facilitators.all()) == [facilitator]
    assert client.get(reverse("forum_groups:edit", args=[other.pk])).status_code == HTTPStatus.NOT_FOUND
    refused = client.get(reverse("forum_groups:add"))
    assert (refused.status_code, refused["Location"]) == (HTTPStatus.FOUND, "/admin/")
