"""Reads from a PostgreSQL streaming replica, for the views that only read: dashboards and public results.

With ``DATABASE_REPLICA_URL`` set, ``cms.settings`` adds a ``replica`` database and installs ``ReplicaRouter``. The
router sends nothing to the replica on its own: a view opts in with ``@reads_from_replica``, and only the reads
made inside it go there. Everything else (writes, migrations, sessions, sign-in, every view that did not opt in)
stays on the primary, so a view that reads and then writes never acts on a lagging copy.

A replica lags the primary by a moment, so whoever just wrote reads their own change from the primary:
``PrimaryAfterWriteMiddleware`` marks a browser that sent a write (any POST, PUT, PATCH or DELETE) with a cookie that
lasts ``REPLICA_PIN_SECONDS``, and while it is there the opted-in views read from the primary too. The cookie
holds no data ("1"); a browser that forges it only reads from the primary.

Without ``DATABASE_REPLICA_URL`` there is no ``replica`` database and the decorator and the middleware do nothing.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PIN_COOKIE = "suara_primary"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

#: Read from the primary even inside an opted-in view: who is signed in, their session and second factor.
PRIMARY_ONLY_APPS = frozenset({"sessions", "auth", "account", "mfa"})

_reading_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("reading_replica", default=False)


def has_replica() -> bool:
    return REPLICA in settings.DATABASES


def pin_seconds() -> int:
    return int(getattr(settings, "REPLICA_PIN_SECONDS", 15))


class ReplicaRouter:
    """Reads inside ``reads_from_replica`` go to the replica; every write, and every other read, to the primary."""

    def db_for_read(self, model, **hints) -> str:
        if not _reading_replica.get() or model._meta.app_label in PRIMARY_ONLY_APPS:
            return DEFAULT_DB_ALIAS
        if model._meta.label == settings.AUTH_USER_MODEL:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        """Rows read from the replica are the primary's rows: they may be related and saved (to the primary)."""
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        """Only the primary is migrated; the replica follows it through streaming replication."""
        return db == DEFAULT_DB_ALIAS


@contextmanager
def replica_reads() -> Iterator[None]:
    """Route this block's reads to the replica, unless there is none or a transaction on the primary is open
    (its own uncommitted rows are only on the primary)."""
    if not has_replica() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
        yield
        return
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


def is_pinned_to_primary(request: HttpRequest) -> bool:
    """Whether this browser wrote something in the last ``REPLICA_PIN_SECONDS`` and must read its own change."""
    return PIN_COOKIE in request.COOKIES


def reads_from_replica(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Let a read-only view read from the replica. Put it closest to the view function, under the permission
    decorators, so who may see the page is decided on the primary. The view must not write; if it does, the write
    still goes to the primary."""

    @wraps(view)
    def on_replica(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if is_pinned_to_primary(request):
            return view(request, *args, **kwargs)
        with replica_reads():
            return view(request, *args, **kwargs)

    return on_replica


class PrimaryAfterWriteMiddleware:
    """Mark a browser that sent a write, so it reads from the primary for ``REPLICA_PIN_SECONDS``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method in UNSAFE_METHODS and has_replica():
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=pin_seconds(),
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
