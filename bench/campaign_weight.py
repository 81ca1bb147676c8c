"""Transferred weight of a campaign page without its images: the HTML and every stylesheet and script it
links, each gzip-compressed as a server would send it. The budget for a child on a slow phone is 60 KB.

    SUARA_ENV=dev python bench/campaign_weight.py [/kampanye/some-campaign/]

Without a path it measures the first live campaign of the local database (run ``seed_demo`` first).
"""

import gzip
import os
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

BUDGET_BYTES = 60 * 1024


class AssetFinder(HTMLParser):
    """Collects the stylesheets and scripts a page makes the browser download (images are left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "").split() and attributes.get("href"):
            self.assets.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.assets.append(attributes["src"])


@dataclass(frozen=True)
class PageWeight:
    sizes: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    @property
    def external_assets(self) -> list[str]:
        return [url for url in self.sizes if url.startswith(("http:", "https:", "//"))]


def gzip_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6))


def read_asset(client, url: str) -> bytes:
    """A static file straight from the static finders (the test server does not serve them), else over HTTP."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    if url.startswith(settings.STATIC_URL):
        found = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
        if found:
            return Path(found).read_bytes()
    return client.get(url).content


def measure(client, path: str) -> PageWeight:
    """Gzip-compressed bytes of the page at ``path`` and of each stylesheet and script it links."""
    html = client.get(path).content
    finder = AssetFinder()
    finder.feed(html.decode())
    sizes = {path: gzip_size(html)}
    for url in finder.assets:
        is_external = url.startswith(("http:", "https:", "//"))
        sizes[url] = 0 if is_external else gzip_size(read_asset(client, url))
    return PageWeight(sizes)


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("SUARA_ENV", "dev")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    import django

    django.setup()
    from django.test import Client

    from cms.models import CampaignPage

    if len(argv) > 1:
        path = argv[1]
    else:
        campaign = CampaignPage.objects.live().first()
        if campaign is None:
            print("No live campaign: run `python manage.py seed_demo` first.", file=sys.stderr)
            return 2
        path = campaign.url
    weight = measure(Client(), path)
    for url, size in weight.sizes.items():
        print(f"{size / 1024:8.1f} KB  {url}")
    verdict = "within" if weight.total <= BUDGET_BYTES else "OVER"
    print(
        f"{weight.total / 1024:8.1f} KB  total (gzip, without images); {verdict} the budget of {BUDGET_BYTES // 1024} KB"
    )
    if weight.external_assets:
        print("assets from another origin: " + ", ".join(weight.external_assets))
    return 0 if weight.total <= BUDGET_BYTES and not weight.external_assets else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
