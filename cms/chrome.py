"""A cache for what every public page draws around its content: the menu, the language links, the help lines
(and, for ``surveys.views.answer_section``, a page's view restrictions).

Drawing them costs several queries per page (the site, its locale, the menu pages, their view restrictions, the
page's translations and their URLs, the help lines). They change only when pages, sites, locales, view
restrictions or help lines do, so they are cached (in Redis in production, shared by every app server) under a
*generation* that any such change replaces; the receivers are wired in ``cms.apps``. Entries also expire after
``CHROME_TIMEOUT`` seconds, so a change made behind Django's back (a bulk ``update()``) shows within minutes.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest

CHROME_TIMEOUT = 5 * 60
GENERATION_KEY = "cms:chrome-generation"


def generation(request: HttpRequest | None) -> str:
    """The current generation, read once per request."""
    if request is not None and hasattr(request, "_suara_chrome_generation"):
        return request._suara_chrome_generation
    current = cache.get(GENERATION_KEY)
    if current is None:
        current = uuid.uuid4().hex
        cache.set(GENERATION_KEY, current, timeout=None)
    if request is not None:
        request._suara_chrome_generation = current
    return current


def cached(request: HttpRequest | None, name: str, parts: tuple, compute: Callable[[], Any]) -> Any:
    """``compute()``, cached under ``name`` and ``parts`` for the current generation."""
    key = ":".join(["cms:chrome", generation(request), name, *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=CHROME_TIMEOUT)
    return value


def forget(sender=None, **kwargs) -> None:
    """Start a new generation, now and again once the current transaction commits (readers may have refilled)."""
    cache.delete(GENERATION_KEY)
    transaction.on_commit(lambda: cache.delete(GENERATION_KEY))


def forget_on_page_change(sender=None, instance=None, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        forget()


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Locale, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from cms.models import HelpLine, HelpLineSettings

    for signal in (post_save, post_delete):
        signal.connect(forget_on_page_change, dispatch_uid="cms.chrome.pages")
        for model in (PageViewRestriction, Site, Locale, HelpLine, HelpLineSettings):
            signal.connect(forget, sender=model, dispatch_uid=f"cms.chrome.{model.__name__}")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget, dispatch_uid="cms.chrome.publication")
