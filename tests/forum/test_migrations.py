"""Forum Anak's old encodings (sex ``perempuan``/``laki-laki``, eight head-count columns on an activity) are moved
onto the canonical ones of ``cms.vocabulary`` by migration, every row keeping its meaning, and back again."""

import datetime
import itertools

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cms.models import Region
from cms.vocabulary import AgeBand, Sex
from forum.models import Activity, Member

BEFORE = [("forum", "0002_role_permissions")]
OLD_SEXES = {"perempuan": Sex.FEMALE, "laki-laki": Sex.MALE}
OLD_BANDS = {
    "up_to_9": AgeBand.UP_TO_9,
    "from_10_to_12": AgeBand.FROM_10_TO_12,
    "from_13_to_15": AgeBand.FROM_13_TO_15,
    "from_16_to_17": AgeBand.FROM_16_TO_17,
}
OLD_COLUMNS = {
    f"{prefix}_{band}": (sex, OLD_BANDS[band])
    for (prefix, sex), band in itertools.product((("girls", Sex.FEMALE), ("boys", Sex.MALE)), OLD_BANDS)
}


def migrate(targets):
    """Migrate the test database to ``targets`` and return the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture
def back_to_latest():
    """Whatever the test does, the database ends fully migrated for the tests after it."""
    yield
    migrate(latest())


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_old_sex_codes_and_head_count_columns_migrate_forward_and_back_with_the_same_meaning(
    two_kecamatan, back_to_latest
):
    group = two_kecamatan[0]
    kelurahan = Region.objects.kelurahan().within(group.region).first()
    old = migrate(BEFORE)
    OldMember, OldActivity = old.get_model("forum", "Member"), old.get_model("forum", "Activity")
    members = {
        OldMember.objects.create(
            group_id=group.pk,
            display_name=f"Anak {code}",
            birth_year=2012,
            sex=code,
            kelurahan_id=kelurahan.pk,
            role="anggota",
            guardian_consent_on=datetime.date(2026, 1, 1),
        ).pk: code
        for code in OLD_SEXES
    }
    columns = {name: number % 4 * (number + 1) for number, name in enumerate(OLD_COLUMNS)}  # some zero, some not
    common = {"group_id": group.pk, "kind": "meeting", "place": "Aula", "summary": "Rapat"}
    counted = OldActivity.objects.create(date=datetime.date(2026, 5, 1), **common, **columns).pk
    empty = OldActivity.objects.create(date=datetime.date(2026, 5, 2), **common).pk

    migrate(latest())

    assert {pk: sex for pk, sex in Member.objects.values_list("pk", "sex")} == {
        pk: OLD_SEXES[code] for pk, code in members.items()
    }
    activity = Activity.objects.get(pk=counted)
    for name, (sex, band) in OLD_COLUMNS.items():
        assert activity.participants(sex, band) == columns[name], name
    assert activity.head_counts.count() == sum(1 for value in columns.values() if value)
    assert activity.participant_total == sum(columns.values())
    assert Activity.objects.get(pk=empty).participant_total == 0

    back = migrate(BEFORE)
    assert dict(back.get_model("forum", "Member").objects.values_list("pk", "sex")) == members
    assert back.get_model("forum", "Activity").objects.filter(pk=counted).values(*OLD_COLUMNS).get() == columns
