from http import HTTPStatus

import redis
from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page

from cms.forms import SearchForm
from cms.models import ArticlePage, CampaignPage, HelpPage, paginate

SEARCHABLE_PAGE_TYPES = (CampaignPage, ArticlePage, HelpPage)


def database_is_up() -> bool:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def redis_is_up(url: str) -> bool:
    """Asks Redis itself, past the cache's circuit breaker, with the same short timeouts."""
    timeout = settings.REDIS_TIMEOUT
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers: 200 when every configured backing service answers, 503 otherwise."""
    checks = {"database": database_is_up()}
    if settings.REDIS_URL:
        checks["redis"] = redis_is_up(settings.REDIS_URL)
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=HTTPStatus.OK if healthy else HTTPStatus.SERVICE_UNAVAILABLE,
    )


def rate_limited(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Shown when a client sends too many anonymous writes; says what to do instead of failing silently."""
    return render(request, "rate_limited.html", status=HTTPStatus.TOO_MANY_REQUESTS)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Campaigns, stories and help pages in the visitor's language that match ``?q=``; a plain GET form."""
    query = SearchForm(request.GET).query()
    results = []
    if query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).type(*SEARCHABLE_PAGE_TYPES)
        results = pages.search(query)
    return render(request, "cms/search.html", {"query": query, "items": paginate(results, request)})
