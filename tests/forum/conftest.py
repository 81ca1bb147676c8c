import datetime

import pytest

from cms.models import Region, RegionLevel
from forum.models import ConsultationIndexPage, ConsultationPage, ConsultationTarget, ForumGroup, SubjectType


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate limits are counted in the cache; every test starts with none spent."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def forum_groups(regions) -> dict[str, ForumGroup]:
    """A Forum Anak for the city and every kecamatan and kelurahan, keyed by region code."""
    return {
        region.code: ForumGroup.objects.create(region=region)
        for region in Region.objects.filter(level__in=[RegionLevel.CITY, RegionLevel.KECAMATAN, RegionLevel.KELURAHAN])
    }


@pytest.fixture
def two_kecamatan(forum_groups) -> tuple[ForumGroup, ForumGroup]:
    first, second = Region.objects.kecamatan().order_by("code")[:2]
    return forum_groups[first.code], forum_groups[second.code]


@pytest.fixture
def consultation_index(home) -> ConsultationIndexPage:
    index = home.add_child(instance=ConsultationIndexPage(title="Konsultasi Anak", slug="konsultasi"))
    index.save_revision().publish()
    return index


@pytest.fixture
def make_consultation(consultation_index):
    def make(slug: str = "ktr", *, days: tuple[int, int] = (-5, 5), **fields) -> ConsultationPage:
        from django.utils import timezone

        today = timezone.localdate()
        values = {
            "title": f"Konsultasi {slug}",
            "slug": slug,
            "subject_name": "Perda Kawasan Tanpa Rokok",
            "subject_type": SubjectType.REGULATION,
            "agency": "Dinas Kesehatan",
            "question": "Di mana orang masih merokok di dekat anak?",
            "opens_on": today + datetime.timedelta(days=days[0]),
            "closes_on": today + datetime.timedelta(days=days[1]),
            "target": ConsultationTarget.ALL_CHILDREN,
        } | fields
        page = consultation_index.add_child(instance=ConsultationPage(**values))
        page.save_revision().publish()
        return page

    return make
