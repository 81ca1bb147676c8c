"""Transferred weight of each child survey screen and of the public pages, against their budgets.

    python -m bench.page_weight

Seeds the demo data into a throw-away SQLite database (removed at the end), fetches every screen with Django's test client and adds
the gzip-compressed size of its HTML and of each stylesheet and script it loads (images excluded, as are fonts;
there are none). Budgets: 50 KB for a survey screen, 60 KB for a campaign or other public page, 150 KB for the
public results (``/hasil/`` in both languages, the first view a child gets from the thank-you page). Exits 1 when a
page is over its budget.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import sys
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

KB = 1024
SURVEY_BUDGET = 50 * KB
PUBLIC_BUDGET = 60 * KB
RESULTS_BUDGET = 150 * KB
STYLESHEET = re.compile(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"')
SCRIPT = re.compile(r'<script[^>]*src="([^"]+)"')


@dataclass
class Weight:
    name: str
    url: str
    html: int
    assets: list[tuple[str, int]]
    budget: int

    @property
    def total(self) -> int:
        return self.html + sum(size for _, size in self.assets)


def compressed(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def weigh(client, name: str, url: str, budget: int) -> Weight:
    from django.contrib.staticfiles import finders
    from django.templatetags.static import static

    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    html = response.content
    prefix = static("")
    assets = []
    for path in STYLESHEET.findall(html.decode()) + SCRIPT.findall(html.decode()):
        if not path.startswith(prefix):
            raise SystemExit(f"{url} loads {path} from elsewhere than our static files")
        found = finders.find(path.removeprefix(prefix))
        assets.append((Path(found).name, compressed(Path(found).read_bytes())))
    return Weight(name, url, compressed(html), assets, budget)


def survey_screens(client) -> list[Weight]:
    """Every screen a child sees: intro and assent, about you, each section (all made visible), thank you."""
    from surveys.models import SurveyPage

    page = SurveyPage.objects.live().for_children().open().filter(locale__language_code="id").first().specific
    definition = page.get_definition()
    url = page.url
    weights = [weigh(client, "survey: intro & assent", url, SURVEY_BUDGET)]
    client.post(url, {"choice": "agree"})
    weights.append(weigh(client, "survey: about you", url + "tentang-kamu/", SURVEY_BUDGET))
    session = client.session
    draft = session[page.session_key()]
    for question in definition.questions():
        if question.show_if:
            draft["answers"][question.show_if.question] = sorted(question.show_if.values)[0]
    for section in definition.sections:
        if section.show_if:
            draft["answers"][section.show_if.question] = sorted(section.show_if.values)[0]
    session[page.session_key()] = draft
    session.save()
    for number, section in enumerate(definition.sections, start=1):
        name = f"survey: section {number} ({section.title[:24]})"
        weights.append(weigh(client, name, f"{url}bagian/{number}/", SURVEY_BUDGET))
    weights.append(weigh(client, "survey: thank you", url + "terima-kasih/", SURVEY_BUDGET))
    return weights


def public_pages(client) -> list[Weight]:
    from wagtail.models import Page

    from forum.models import ConsultationPage, ForumGroup

    pages = [("home", "/"), ("survey list", "/survei/"), ("consultations", "/konsultasi/")]
    consultation = ConsultationPage.objects.live().filter(locale__language_code="id").first()
    if consultation:
        pages.append(("consultation page", consultation.url))
    pages.append(("Forum Anak groups", "/forum-anak/"))
    group = ForumGroup.objects.first()
    if group:
        pages.append(("Forum Anak group", group.get_absolute_url()))
    for page in Page.objects.live().filter(locale__language_code="id").specific():
        if "campaign" in type(page).__name__.lower():
            pages.append((f"campaign: {page.title[:30]}", page.url))
    weights = [weigh(client, name, url, PUBLIC_BUDGET) for name, url in pages]
    results = [("public results", "/hasil/"), ("public results (English)", "/en/hasil/")]
    return weights + [weigh(client, name, url, RESULTS_BUDGET) for name, url in results]


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="suara-weight-"))
    os.environ.update(
        {
            "SUARA_ENV": "dev",
            "DEBUG": "false",
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "cms.settings",
            "MEDIA_ROOT": str(workdir / "media"),
        }
    )
    os.environ.pop("REDIS_URL", None)
    warnings.filterwarnings("ignore", "No directory at")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    try:
        call_command("migrate", verbosity=0)
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        weights = survey_screens(Client()) + public_pages(Client())
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{'page':44} {'HTML':>7} {'CSS+JS':>7} {'total':>7} {'budget':>7}  assets")
    over = 0
    for weight in weights:
        assets = sum(size for _, size in weight.assets)
        mark = "" if weight.total <= weight.budget else "  OVER"
        over += bool(mark)
        names = ", ".join(f"{name} {size / KB:.1f}" for name, size in weight.assets)
        print(
            f"{weight.name:44} {weight.html / KB:6.1f}K {assets / KB:6.1f}K {weight.total / KB:6.1f}K "
            f"{weight.budget / KB:6.0f}K  {names}{mark}"
        )
    print("\ngzip level 9; sizes in KiB (1 K = 1,024 bytes); images excluded")
    print(f"{len(weights) - over} of {len(weights)} pages within budget")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
