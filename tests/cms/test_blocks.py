import re

import pytest
from django.template.loader import render_to_string

from cms.blocks import BaseStreamBlock, ChartBlock, ChildQuoteBlock


def render_stream(page, blocks: list[dict], client) -> str:
    page.body = blocks
    page.save_revision().publish()
    return client.get(page.url).content.decode()


def test_every_block_has_icon_template_label_and_preview():
    for name, block in BaseStreamBlock.base_blocks.items():
        meta = block.meta
        assert meta.icon and meta.template.startswith("blocks/") and meta.label, name
        assert block.get_preview_value(), name


def test_child_quote_shows_the_age_band_and_nothing_else_about_the_child():
    assert set(ChildQuoteBlock.base_blocks) == {"quote", "age_band"}
    html = ChildQuoteBlock().render(ChildQuoteBlock().to_python({"quote": "Aku berani.", "age_band": "10-12"}))
    assert "<blockquote><p>Aku berani.</p></blockquote>" in html
    assert "Anak usia 10–12 tahun" in html


def test_chart_block_stores_a_survey_and_a_question_and_renders_a_placeholder(campaign, client):
    assert set(ChartBlock.base_blocks) >= {"survey_page", "question_code"}
    body = render_stream(
        campaign,
        [{"type": "chart", "value": {"survey_page": campaign.pk, "question_code": "B1", "caption": "Dirundung"}}],
        client,
    )
    assert 'class="chart-block"' in body and "<figcaption>Dirundung</figcaption>" in body


def test_fact_card_call_to_action_and_help_lines_render(campaign, client, sections):
    body = render_stream(
        campaign,
        [
            {"type": "fact_card", "value": {"figure": "6", "text": "komponen SRA", "source": ""}},
            {
                "type": "call_to_action",
                "value": {"text": "Ayo cerita", "page": sections["stories"].pk, "button_label": "Baca cerita"},
            },
            {"type": "help_lines", "value": {"heading": "Hubungi"}},
        ],
        client,
    )
    assert '<p class="fact-card__figure">6</p>' in body
    assert '<a class="button" href="/cerita/">Baca cerita</a>' in body
    assert "<h2>Hubungi</h2>" in body


def test_image_block_requires_alt_text(image):
    from django.core.exceptions import ValidationError

    block = BaseStreamBlock().child_blocks["image"]
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))


def test_images_are_served_as_modern_renditions_at_phone_sizes(campaign, image, client):
    campaign.hero_image = image
    campaign.hero_image_alt = "Anak-anak bermain di taman"
    body = render_stream(
        campaign, [{"type": "image", "value": {"image": image.pk, "alt_text": "Taman bermain", "caption": ""}}], client
    )
    pictures = re.findall(r"<picture>.*?</picture>", body, flags=re.S)
    assert len(pictures) == 2
    for picture in pictures:
        assert 'type="image/avif"' in picture and 'type="image/webp"' in picture
        widths = [int(width) for width in re.findall(r" (\d+)w", picture)]
        assert widths and max(widths) <= 800
    assert 'alt="Anak-anak bermain di taman"' in pictures[0]
    assert 'alt="Taman bermain"' in pictures[1]


def test_help_strip_template_renders_without_a_request():
    html = render_to_string("components/help_strip.html")
    assert 'href="tel:129"' in html
