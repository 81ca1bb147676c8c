import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse

from cms.models import Region
from cms.roles import Role
from cms.vocabulary import Sex
from forum.models import Member, MemberRole


def make_member(group, name: str = "Nadia", birth_year: int = 2012) -> Member:
    return Member.objects.create(
        group=group,
        display_name=name,
        birth_year=birth_year,
        sex=Sex.FEMALE,
        kelurahan=Region.objects.kelurahan().filter(parent=group.region).first() or Region.objects.kelurahan().first(),
        role=MemberRole.MEMBER,
        guardian_consent_on=datetime.date(2026, 1, 10),
    )


@pytest.fixture
def scoped(two_kecamatan, make_user):
    """A facilitator of the first kecamatan, a member there, and a member of the second kecamatan."""
    own_group, other_group = two_kecamatan
    facilitator = make_user(Role.FACILITATOR, email="fasil1@example.test")
    own_group.facilitators.add(facilitator)
    return facilitator, make_member(own_group, "Milik sendiri"), make_member(other_group, "Milik orang lain")


@pytest.mark.parametrize(
    ("day", "is_alumnus"),
    [
        (datetime.date(2025, 12, 31), False),
        (datetime.date(2026, 1, 1), True),
        (datetime.date(2030, 6, 1), True),
    ],
)
def test_a_member_becomes_an_alumnus_from_the_year_they_turn_18(two_kecamatan, day, is_alumnus):
    member = make_member(two_kecamatan[0], birth_year=2008)
    assert member.is_alumnus_on(day) is is_alumnus
    assert Member.objects.alumni(on=day).filter(pk=member.pk).exists() is is_alumnus
    assert Member.objects.current(on=day).filter(pk=member.pk).exists() is not is_alumnus


def test_is_alumnus_uses_todays_date_without_any_job(two_kecamatan):
    from django.utils import timezone

    adult = make_member(two_kecamatan[0], birth_year=timezone.localdate().year - 18)
    child = make_member(two_kecamatan[0], birth_year=timezone.localdate().year - 17)
    assert adult.is_alumnus and not child.is_alumnus
    assert list(Member.objects.current()) == [child]


def test_a_facilitator_lists_only_members_of_their_groups(client, scoped):
    facilitator, own, other = scoped
    client.force_login(facilitator)
    response = client.get(reverse("forum_members:index"))
    assert response.status_code == HTTPStatus.OK
    assert own.display_name in response.content.decode()
    assert other.display_name not in response.content.decode()


@pytest.mark.parametrize("view", ["edit", "inspect", "delete", "history"])
def test_a_facilitator_cannot_open_another_kecamatans_member(client, scoped, view):
    facilitator, own, other = scoped
    client.force_login(facilitator)
    assert client.get(reverse(f"forum_members:{view}", args=[own.pk])).status_code == HTTPStatus.OK
    assert client.get(reverse(f"forum_members:{view}", args=[other.pk])).status_code == HTTPStatus.NOT_FOUND


def test_a_facilitator_cannot_edit_or_delete_another_kecamatans_member(client, scoped):
    facilitator, _own, other = scoped
    client.force_login(facilitator)
    edit = client.post(reverse("forum_members:edit", args=[other.pk]), {"display_name": "Diubah"})
    delete = client.post(reverse("forum_members:delete", args=[other.pk]))
    assert edit.status_code == HTTPStatus.NOT_FOUND
    assert delete.status_code == HTTPStatus.NOT_FOUND
    other.refresh_from_db()
    assert other.display_name == "Milik orang lain"


def test_a_facilitator_cannot_move_a_member_into_another_kecamatans_group(client, scoped, two_kecamatan):
    facilitator, own, _other = scoped
    client.force_login(facilitator)
    response = client.post(
        reverse("forum_members:edit", args=[own.pk]),
        member_form(own, group=two_kecamatan[1].pk),
    )
    assert response.status_code == HTTPStatus.OK
    assert "group" in response.context["form"].errors
    own.refresh_from_db()
    assert own.group == two_kecamatan[0]


def test_a_kecamatan_facilitator_also_sees_the_kelurahan_groups_below(client, scoped, forum_groups, two_kecamatan):
    facilitator, _own, _other = scoped
    kelurahan = Region.objects.kelurahan().filter(parent=two_kecamatan[0].region).first()
    below = make_member(forum_groups[kelurahan.code], "Dari kelurahan")
    client.force_login(facilitator)
    assert client.get(reverse("forum_members:edit", args=[below.pk])).status_code == HTTPStatus.OK


def test_an_administrator_sees_every_member(client, scoped, make_user):
    _facilitator, own, other = scoped
    client.force_login(make_user(superuser=True, email="admin@example.test"))
    content = client.get(reverse("forum_members:index")).content.decode()
    assert own.display_name in content and other.display_name in content


@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.SCHOOL_COORDINATOR, Role.FORUM_MEMBER])
def test_other_roles_cannot_see_members(client, scoped, make_user, role):
    _facilitator, own, _other = scoped
    client.force_login(make_user(role, email=f"{role.name.lower()}@example.test"))
    assert client.get(reverse("forum_members:index")).status_code in {HTTPStatus.FOUND, HTTPStatus.FORBIDDEN}
    assert client.get(reverse("forum_members:edit", args=[own.pk])).status_code in {
        HTTPStatus.FOUND,
        HTTPStatus.FORBIDDEN,
    }


def member_form(member: Member, **changes) -> dict:
    return {
        "group": member.group_id,
        "display_name": member.display_name,
        "birth_year": member.birth_year,
        "sex": member.sex,
        "school_level": member.school_level,
        "kelurahan": member.kelurahan_id,
        "role": member.role,
        "guardian_consent_on": member.guardian_consent_on.isoformat(),
    } | changes


def test_the_facilitator_who_enters_the_consent_date_is_recorded(client, scoped):
    facilitator, own, _other = scoped
    client.force_login(facilitator)
    response = client.post(
        reverse("forum_members:edit", args=[own.pk]), member_form(own, guardian_consent_on="2026-02-01")
    )
    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors
    own.refresh_from_db()
    assert own.guardian_consent_on == datetime.date(2026, 2, 1)
    assert own.consent_recorded_by == facilitator


def test_a_facilitator_adds_a_member_to_their_group(client, scoped, two_kecamatan):
    facilitator, own, _other = scoped
    client.force_login(facilitator)
    response = client.post(reverse("forum_members:add"), member_form(own, display_name="Baru"))
    assert response.status_code == HTTPStatus.FOUND
    assert Member.objects.get(display_name="Baru").consent_recorded_by == facilitator
