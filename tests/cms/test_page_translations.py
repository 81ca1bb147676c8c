import pytest
from wagtail.models import Locale, Page

from cms.models import (
    ArticleIndexPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    HelpPage,
    HomePage,
    StandardPage,
)

SEEDED_TYPES = [HomePage, CampaignIndexPage, CampaignPage, ArticleIndexPage, ArticlePage, HelpPage]


def test_every_seeded_page_has_a_live_english_translation(sections):
    english = Locale.objects.get(language_code="en")
    indonesian_pages = Page.objects.filter(locale__language_code="id", depth__gt=1).specific()
    assert {type(page) for page in indonesian_pages} == set(SEEDED_TYPES)
    for page in indonesian_pages:
        translation = page.get_translation_or_none(english)
        assert translation is not None and translation.live, page
        assert translation.title != page.title or isinstance(page, HomePage), page


@pytest.mark.parametrize("page_type", SEEDED_TYPES)
def test_language_switcher_leads_to_the_english_translation(client, sections, page_type):
    page = page_type.objects.filter(locale__language_code="id").first()
    english = page.get_translation(Locale.objects.get(language_code="en"))
    body = client.get(page.url).content.decode()
    assert f'<a href="{english.url}" lang="en" hreflang="en">English</a>' in body
    english_body = client.get(english.url).content.decode()
    assert '<html lang="en">' in english_body
    assert english.title in english_body.replace("&#x27;", "'")


def test_english_pages_show_english_themes_and_sections(client, sections):
    body = client.get("/en/campaigns/clean-air-where-children-are/").content.decode()
    assert "Smoke-free areas (KSTR)" in body
    assert 'href="/en/stories/"' in body and 'href="/en/help/"' in body


def test_wagtail_localize_offers_every_text_of_a_campaign_for_translation(campaign):
    from wagtail_localize.models import StringSegment, TranslationSource

    source, _ = TranslationSource.get_or_create_from_instance(campaign)
    strings = set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))
    assert {campaign.title, campaign.goal, "Tiga hal yang bisa kamu lakukan"} <= strings


@pytest.mark.parametrize("page_type", [StandardPage, HelpPage])
def test_a_new_page_is_translated_with_wagtail_localize(
    client, sections, page_type, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import TranslationSource

    page = sections["help"].get_parent().add_child(instance=page_type(title="Halaman baru", slug="halaman-baru"))
    page.save_revision().publish()
    source, _ = TranslationSource.get_or_create_from_instance(page)
    with django_capture_on_commit_callbacks(execute=True):
        english, _created = source.create_or_update_translation(Locale.objects.get(language_code="en"), fallback=True)
    english.refresh_from_db()
    assert english.live and english.url == "/en/halaman-baru/"
    assert client.get(english.url).status_code == 200
