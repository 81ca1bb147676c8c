"""A cache for what every public page draws around its content: the menu, the language links, the help lines
(and, for ``surveys.section_route.answer_section``, a page's view restrictions).

Drawing them costs several queries per page (the site, its locale, the menu pages, their view restrictions, the
page's translations and their URLs, the help lines). They change only when pages, sites, locales, view
restrictions or help lines do, so they are cached (in Redis in production, shared by every app server) under a
*generation* that any such change replaces; the receivers are wired in ``cms.apps``. Entries also expire after
``CHROME_TIMEOUT`` seconds, so a change made behind Django's back (a bulk ``update()``) shows within minutes.

Each app server process also keeps what it read in memory (``LOCAL_ENTRIES`` entries at most, for at most
``LOCAL_TIMEOUT`` seconds): the generation is still read from the shared cache once per request, so a change
made on any server is seen by all of them on their next request, and a page then costs one cache read, not one
per piece. Values are shared between requests and must not be changed by their readers.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest

CHROME_TIMEOUT = 5 * 60
GENERATION_KEY = "cms:chrome-generation"
LOCAL_TIMEOUT = 60
LOCAL_ENTRIES = 1024

_local: OrderedDict[str, tuple[float, Any]] = OrderedDict()
_local_lock = threading.Lock()


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


def cached(
    request: HttpRequest | None, name: str, parts: tuple, compute: Callable[[], Any], *, shared: bool = True
) -> Any:
    """``compute()``, cached under ``name`` and ``parts`` for the current generation: in this process's memory and,
    unless ``shared`` is false (objects too big to be worth a round trip), in the shared cache."""
    key = ":".join(["cms:chrome", generation(request), name, *map(str, parts)])
    value = local_get(key)
    if value is not None:
        return value
    value = cache.get(key) if shared else None
    if value is None:
        value = compute()
        if shared:
            cache.set(key, value, timeout=CHROME_TIMEOUT)
    local_set(key, value)
    return value


def local_get(key: str) -> Any:
    with _local_lock:
        entry = _local.get(key)
        if entry is None:
            return None
        if entry[0] < time.monotonic():
            del _local[key]
            return None
        _local.move_to_end(key)
        return entry[1]


def local_set(key: str, value: Any) -> None:
    with _local_lock:
        _local[key] = (time.monotonic() + LOCAL_TIMEOUT, value)
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


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
