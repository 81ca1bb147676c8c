"""Every route of our own apps, found from the URL resolver: a number in the path is read with the ``id`` converter.

Django's ``int`` converter takes any number of digits, and a 31-digit id overflows SQLite's integer inside the query:
a server error instead of "not found". The ``id`` converter (``cms/converters.py``) stops it at the URL. Routes that
Wagtail's viewsets generate for our models are Wagtail's to parse (the fuzz test, ``test_fuzz.py``, sends them
overlong ids too).
"""

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter

OUR_MODULES = tuple(app.split(".")[0] for app in settings.PROJECT_APPS)


def our_patterns(patterns=None, prefix: str = ""):
    """(route, pattern) for every URL pattern whose view lives in one of the project's apps."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from our_patterns(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            module = getattr(pattern.callback, "__module__", "") or ""
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class is not None:
                if any(base.__module__.startswith("wagtail.") for base in view_class.__mro__):
                    continue
                module = view_class.__module__
            if module.split(".")[0] in OUR_MODULES:
                yield route, pattern


def test_our_routes_are_found():
    routes = [route for route, _ in our_patterns()]
    assert any("xlsform/ekspor" in route for route in routes), routes
    assert len(routes) > 20


def test_no_route_of_ours_reads_an_unbounded_integer():
    unbounded = [
        route
        for route, pattern in our_patterns()
        if any(isinstance(converter, IntConverter) for converter in pattern.pattern.converters.values())
    ]
    assert unbounded == [], f"use <id:…> (cms/converters.py), not <int:…>: {unbounded}"
