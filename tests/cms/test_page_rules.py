import datetime

import pytest
from django.core.exceptions import ValidationError

from cms.models import (
    ArticleIndexPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    CampaignTheme,
    HelpPage,
    HomePage,
    StandardPage,
)


@pytest.mark.parametrize(
    ("page_type", "parent_type", "allowed"),
    [
        (CampaignIndexPage, HomePage, True),
        (ArticleIndexPage, HomePage, True),
        (HelpPage, HomePage, True),
        (StandardPage, HomePage, True),
        (StandardPage, HelpPage, True),
        (CampaignPage, CampaignIndexPage, True),
        (CampaignPage, HomePage, False),
        (CampaignPage, ArticleIndexPage, False),
        (ArticlePage, ArticleIndexPage, True),
        (ArticlePage, HomePage, False),
        (ArticlePage, CampaignIndexPage, False),
        (CampaignIndexPage, CampaignIndexPage, False),
        (HelpPage, CampaignPage, False),
    ],
)
def test_page_types_exist_only_under_their_parents(db, page_type, parent_type, allowed):
    assert page_type.can_exist_under(parent_type()) is allowed


def test_home_page_leaves_its_children_open_for_other_apps():
    assert "subpage_types" not in HomePage.__dict__
    assert CampaignIndexPage in HomePage.allowed_subpage_models()


def test_a_site_has_one_campaign_list_and_one_story_list(sections):
    home = sections["campaigns"].get_parent().specific
    assert not CampaignIndexPage.can_create_at(home)
    assert not ArticleIndexPage.can_create_at(home)
    assert CampaignPage.can_create_at(sections["campaigns"])


def test_seeded_sections_use_indonesian_slugs(client, sections):
    for path in ["/kampanye/", "/cerita/", "/bantuan/"]:
        assert client.get(path).status_code == 200


def test_campaign_themes_are_a_managed_list_in_both_languages(db):
    codes = {"perundungan", "kekerasan", "kstr", "sra", "rbra", "hak-anak"}
    for language in ("id", "en"):
        assert set(CampaignTheme.objects.filter(locale__language_code=language).values_list("code", flat=True)) == codes
    bullying = CampaignTheme.objects.get(code="perundungan", locale__language_code="id")
    assert bullying.get_translation(bullying.get_translations().get().locale).name == "Bullying"


def test_a_hero_image_needs_alt_text(campaign, image):
    campaign.hero_image = image
    campaign.hero_image_alt = " "
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert "hero_image_alt" in error.value.error_dict


def test_a_campaign_cannot_end_before_it_starts(campaign):
    campaign.end_date = campaign.start_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert "end_date" in error.value.error_dict


def test_a_call_to_action_needs_a_label(campaign):
    campaign.action_label = ""
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert "action_label" in error.value.error_dict


def test_the_call_to_action_leads_to_the_page_in_the_visitors_language(client, campaign):
    assert 'class="button" href="/bantuan/">Cari bantuan sekarang<' in client.get(campaign.url).content.decode()
    english = client.get("/en/campaigns/my-school-without-bullying/").content.decode()
    assert 'class="button" href="/en/help/">Find help now<' in english


def test_a_campaign_page_shows_goal_period_theme_and_related_campaigns(client, sections):
    CampaignPage.objects.filter(slug="ayo-jadi-sekolah-ramah-anak").update(
        theme=CampaignTheme.objects.get(code="perundungan", locale__language_code="id")
    )
    body = client.get("/kampanye/sekolahku-tanpa-perundungan/").content.decode()
    assert "Setiap anak di Balikpapan berani menolak perundungan" in body
    assert '<time datetime="2026-07-13">' in body and '<time datetime="2026-12-18">' in body
    assert 'href="/kampanye/?tema=perundungan">Perundungan</a>' in body
    assert "Kampanye terkait" in body and "Ayo Jadi Sekolah Ramah Anak" in body
