import io

from django.core.management import call_command

from cms.models import ArticlePage, CampaignPage, HelpPage


def test_seed_creates_four_campaigns_three_stories_and_a_help_page_in_both_languages(db):
    call_command("seed_demo", stdout=io.StringIO())
    for language in ("id", "en"):
        campaigns = CampaignPage.objects.live().filter(locale__language_code=language)
        assert sorted(campaigns.values_list("theme__code", flat=True)) == ["kstr", "perundungan", "rbra", "sra"]
        assert ArticlePage.objects.live().filter(locale__language_code=language).count() == 3
        assert HelpPage.objects.live().filter(locale__language_code=language).count() == 1


def test_demo_stories_are_credited_to_groups(db):
    call_command("seed_demo", stdout=io.StringIO())
    assert all(name.startswith("Forum Anak ") for name in ArticlePage.objects.values_list("group_name", flat=True))
