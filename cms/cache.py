"""The shared cache (Redis), kept from slowing down or breaking a page when Redis is down or hung.

Every call goes to Redis with short socket timeouts (``REDIS_TIMEOUT``). The first call that fails (refused, timed
out, cut off) opens a circuit breaker for the whole process: for ``REDIS_RETRY_AFTER`` seconds no call goes to
Redis, each one is answered by a stand-in instead, so a hung Redis costs one timeout per process in that time,
not one per call (a page makes several: the session, the page chrome, the rate limits). Then the next call tries
Redis again, and the breaker closes as soon as Redis answers.

The stand-in depends on what the cache holds:

* the default cache (page chrome, allauth's and django-ratelimit's counters) falls back to this process's memory.
  Rate limits then still count, per process: signing in is never refused for everyone (allauth's limiter fails
  closed on a cache that answers nothing) and never open to everyone (with N processes a client gets at most N
  times its limit). Counting in the database instead would add writes to every child's submission, on the one
  service that must not fall over too. The memory is emptied when Redis is back.
* the session cache misses, so sessions are read from and written to the database (``cached_db``) only: another
  process's memory could hand back an older copy of a child's survey draft.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import redis
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache as DjangoRedisCache
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger(__name__)

REDIS_FAULTS = (redis.RedisError, ConnectionInterrupted, OSError)
STAND_IN_ENTRIES = 10_000


class Breaker:
    """Whether this process should call one Redis server now: not for ``retry_after`` seconds after a call failed.

    It also holds the process memory that stands in for that server's default cache, emptied when Redis is back
    (whichever cache on that server notices first), so what it counted during one outage is not found in the next.
    """

    def __init__(self, server: str, retry_after: float) -> None:
        self.retry_after = retry_after
        self.open_until = 0.0
        self.memory = LocMemCache(f"redis-stand-in:{server}", {"OPTIONS": {"MAX_ENTRIES": STAND_IN_ENTRIES}})
        self._lock = threading.Lock()

    def allows(self) -> bool:
        """True while closed; once the back-off is over, true for one caller, who tries Redis while the others keep
        using the stand-in."""
        if not self.open_until:
            return True
        with self._lock:
            now = time.monotonic()
            if now < self.open_until:
                return False
            self.open_until = now + self.retry_after
            return True

    def failed(self) -> None:
        self.open_until = time.monotonic() + self.retry_after

    def succeeded(self) -> None:
        if self.open_until:
            self.open_until = 0.0
            self.memory.clear()


BREAKERS: dict[str, Breaker] = {}


class RedisCache(DjangoRedisCache):
    """django-redis behind a per-process circuit breaker, with a stand-in while Redis is out of reach.

    ``OPTIONS`` takes, besides django-redis's own: ``RETRY_AFTER`` (seconds the breaker stays open) and
    ``FALLBACK_TO_MEMORY`` (the stand-in is this process's memory, not a miss). Errors are never ignored
    silently by django-redis here (``IGNORE_EXCEPTIONS`` is off): each one opens the breaker.
    """

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS", {}))
        retry_after = float(options.pop("RETRY_AFTER", 5))
        fallback_to_memory = bool(options.pop("FALLBACK_TO_MEMORY", False))
        options["IGNORE_EXCEPTIONS"] = False
        super().__init__(server, {**params, "OPTIONS": options})
        self.breaker = BREAKERS.get(str(server)) or BREAKERS.setdefault(str(server), Breaker(str(server), retry_after))
        self.stand_in: BaseCache = self.breaker.memory if fallback_to_memory else DummyCache(str(server), {})

    def _call(self, name: str, *args, **kwargs) -> Any:
        if self.breaker.allows():
            try:
                result = getattr(super(), name)(*args, **kwargs)
            except REDIS_FAULTS as error:
                self.breaker.failed()
                logger.warning("Redis unreachable (%s); not trying again for %ss", error, self.breaker.retry_after)
            else:
                self.breaker.succeeded()
                return result
        return getattr(self.stand_in, name)(*args, **kwargs)

    def get(self, *args, **kwargs) -> Any:
        return self._call("get", *args, **kwargs)

    def get_many(self, *args, **kwargs) -> Any:
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs) -> Any:
        return self._call("has_key", *args, **kwargs)

    def add(self, *args, **kwargs) -> Any:
        return self._call("add", *args, **kwargs)

    def set(self, *args, **kwargs) -> Any:
        return self._call("set", *args, **kwargs)

    def set_many(self, *args, **kwargs) -> Any:
        return self._call("set_many", *args, **kwargs)

    def touch(self, *args, **kwargs) -> Any:
        return self._call("touch", *args, **kwargs)

    def incr(self, *args, **kwargs) -> Any:
        return self._call("incr", *args, **kwargs)

    def decr(self, *args, **kwargs) -> Any:
        return self._call("decr", *args, **kwargs)

    def delete(self, *args, **kwargs) -> Any:
        return self._call("delete", *args, **kwargs)

    def delete_many(self, *args, **kwargs) -> Any:
        return self._call("delete_many", *args, **kwargs)

    def clear(self, *args, **kwargs) -> Any:
        return self._call("clear", *args, **kwargs)
