import pytest

from cms.demo import seed_campaigns_and_stories, seed_sections
from cms.models import CampaignPage


@pytest.fixture
def sections(home) -> dict:
    """The demo site's sections (campaigns, stories, help) with their campaigns and stories, in both languages."""
    sections = seed_sections(home)
    seed_campaigns_and_stories(sections)
    return sections


@pytest.fixture
def campaign(sections) -> CampaignPage:
    """The demo anti-bullying campaign (Indonesian)."""
    return CampaignPage.objects.get(slug="sekolahku-tanpa-perundungan")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def image(db, media_root):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    return Image.objects.create(title="Anak-anak di taman", file=get_test_image_file(size=(1200, 800)))
