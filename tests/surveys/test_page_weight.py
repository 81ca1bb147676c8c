import gzip
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

BUDGET = 50 * 1024


def static_assets(html: str) -> list[Path]:
    paths = re.findall(r'(?:href|src)="/static/([^"]+)"', html)
    return [Path(finders.find(path)) for path in paths]


@pytest.mark.parametrize("screen", ["", "tentang-kamu/", "bagian/1/"])
def test_a_survey_screen_weighs_at_most_50_kb_compressed(client, survey, screen):
    client.post(survey.url, {"choice": "agree"})
    html = client.get(survey.url + screen).content.decode()
    assets = static_assets(html)
    assert any(path.suffix == ".css" for path in assets)
    if screen.startswith("bagian"):
        assert any(path.name == "survey.js" for path in assets)
    total = len(gzip.compress(html.encode())) + sum(len(gzip.compress(path.read_bytes())) for path in assets)
    assert total <= BUDGET, f"{screen or 'assent'} weighs {total} bytes gzip-compressed"


def test_survey_screens_have_no_inline_script(client, survey):
    client.post(survey.url, {"choice": "agree"})
    html = client.get(survey.url + "bagian/1/").content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    for attributes, body in scripts:
        assert "src=" in attributes or 'type="application/json"' in attributes, body[:80]


OFFLINE_BUDGET = 15 * 1024  # issue #18.7: what offline class mode adds to a survey's first load


def offline_weight() -> dict[str, int]:
    """The gzip size of each file offline class mode adds: the service worker, its page script, the manifest."""
    names = ("js/sw.js", "js/offline.js", "manifest.webmanifest")
    return {name: len(gzip.compress(Path(finders.find(name)).read_bytes())) for name in names}


def test_offline_class_mode_adds_at_most_15_kb_compressed():
    weight = offline_weight()
    assert all(weight.values())
    assert sum(weight.values()) <= OFFLINE_BUDGET, weight


def test_the_offline_screen_weighs_at_most_50_kb_compressed_and_has_no_inline_script(client, survey):
    html = client.get(survey.url + "luring/").content.decode()
    assets = static_assets(html)
    assert {path.name for path in assets} >= {"offline.js", "manifest.webmanifest"}
    total = len(gzip.compress(html.encode())) + sum(len(gzip.compress(path.read_bytes())) for path in assets)
    assert total + len(gzip.compress(Path(finders.find("js/sw.js")).read_bytes())) <= BUDGET
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    for attributes, body in scripts:
        assert "src=" in attributes or 'type="application/json"' in attributes, body[:80]
