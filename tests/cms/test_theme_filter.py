import datetime
from http import HTTPStatus

from cms.models import LISTING_PAGE_SIZE, CampaignPage, CampaignTheme


def test_campaign_list_filters_by_theme(client, sections):
    body = client.get("/kampanye/", {"tema": "kstr"}).content.decode()
    assert "Udara Bersih di Tempat Anak Bermain dan Belajar" in body
    assert "Sekolahku Tanpa Perundungan" not in body
    assert 'href="?tema=kstr" aria-current="true"' in body


def test_campaign_list_without_a_theme_shows_every_campaign(client, sections):
    body = client.get("/kampanye/").content.decode()
    assert body.count('class="card"') == 4


def test_an_unknown_theme_shows_every_campaign_instead_of_an_error(client, sections):
    response = client.get("/kampanye/", {"tema": "<script>", "halaman": "abc"})
    assert response.status_code == HTTPStatus.OK
    assert response.content.decode().count('class="card"') == 4


def test_story_list_filters_by_theme_in_english_too(client, sections):
    body = client.get("/en/stories/", {"tema": "rbra"}).content.decode()
    assert "Children&#x27;s Forum Proposal Reaches the Village Planning Meeting" in body
    assert "Mapping Cigarette Smoke" not in body
    assert "Child-friendly play spaces (RBRA)" in body


def test_long_lists_are_paginated_and_keep_the_theme(client, sections):
    index = sections["campaigns"]
    theme = CampaignTheme.objects.get(code="sra", locale=index.locale)
    for number in range(LISTING_PAGE_SIZE + 1):
        page = index.add_child(
            instance=CampaignPage(
                title=f"Kampanye SRA {number}",
                theme=theme,
                start_date=datetime.date(2025, 1, 1),
                goal="Uji halaman.",
            )
        )
        page.save_revision().publish()
    first = client.get("/kampanye/", {"tema": "sra"}).content.decode()
    assert first.count('class="card"') == LISTING_PAGE_SIZE
    assert 'href="?tema=sra&amp;halaman=2" rel="next"' in first
    second = client.get("/kampanye/", {"tema": "sra", "halaman": "2"}).content.decode()
    assert second.count('class="card"') == 2
