"""The session written inside the submission's transaction, below Django's session API.

A child's submission and the forgetting of her draft commit together, in one transaction: the session's row is
written here as ``db.SessionStore.save`` would write it, and ``cached_db``'s cache copy dropped and set again the
way ``cached_db`` does. ``tests/test_upstream_internals.py`` pins the upstream code this repeats.
"""

from __future__ import annotations

import logging

from django.contrib.sessions.backends import cached_db
from django.db import transaction
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def save_session_in_transaction(request: HttpRequest) -> None:
    """Write the session's database row in the submission's transaction: one commit instead of two, and the stored
    response and the forgotten draft become visible together. The cache copy (``cached_db``) is dropped at once and
    written again once the transaction has committed, so a rolled-back submission never leaves a cached "done"
    behind, and no reader finds the draft in the cache after its submission. Any other session engine, or a session
    row gone meanwhile, is left to the session middleware as usual.
    """
    session = request.session
    if not isinstance(session, cached_db.SessionStore) or session.session_key is None:
        return
    # What ``db.SessionStore.save`` writes, as one UPDATE without the savepoint it would take.
    updated = session.model.objects.filter(session_key=session.session_key).update(
        session_data=session.encode(session._get_session()), expire_date=session.get_expiry_date()
    )
    if not updated:
        return
    data, key, age = dict(session._session), session.cache_key, session.get_expiry_age()
    try:
        session._cache.delete(key)  # until the commit, readers go to the database row
    except Exception:
        logger.exception("Error removing the session from the cache")

    def cache_it() -> None:
        try:
            session._cache.set(key, data, age)
        except Exception:  # as cached_db does: the database row is the truth, the cache only a copy
            logger.exception("Error saving the session to the cache")

    transaction.on_commit(cache_it)
    session.modified = False
