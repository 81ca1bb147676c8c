from bench.campaign_weight import BUDGET_BYTES, measure


def test_a_campaign_page_without_images_weighs_at_most_60_kb(client, campaign):
    weight = measure(client, campaign.url)
    assert "/static/css/site.css" in weight.sizes
    assert all(size > 0 for size in weight.sizes.values())
    assert weight.total <= BUDGET_BYTES == 60 * 1024


def test_public_pages_load_no_asset_from_another_origin(client, sections):
    for path in [
        "/",
        "/kampanye/",
        campaign_path := "/kampanye/ruang-bermain-untuk-semua-anak/",
        "/cerita/",
        "/bantuan/",
    ]:
        assert measure(client, path).external_assets == [], campaign_path


def test_public_pages_need_no_javascript(client, campaign):
    body = client.get(campaign.url).content.decode()
    assert "<script" not in body
