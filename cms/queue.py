"""Background jobs: the one place that puts work on the queue (RQ on Redis, worked by ``manage.py rqworker``).

A job is a plain function of its app, given by reference with plain arguments (ids, not model instances), so it
reads the database afresh when it runs. Every job is retried ``JOB_RETRIES`` times; a job that tells a reader how it
went asks :func:`is_last_attempt` before it writes the failure down in words. With no queue configured (a laptop
without Redis, the SQLite tests) RQ runs the job at once, inside the request.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import django_rq
from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from rq import Retry, get_current_job
from rq.job import Job


def enqueue(function: Callable, *args, **kwargs) -> Job | None:
    """Run ``function(*args, **kwargs)`` on a worker, retried ``JOB_RETRIES`` times when it raises.

    Inside a database transaction the job is put on the queue when the transaction commits (django-rq's
    ``on_db_commit``), so the worker never reads a row before it exists; the job is then not known yet (None).
    """
    queue = django_rq.get_queue(settings.JOB_QUEUE)
    retry = Retry(max=settings.JOB_RETRIES) if settings.JOB_RETRIES and queue.is_async else None
    return queue.enqueue(function, *args, retry=retry, **kwargs)


def is_last_attempt() -> bool:
    """Whether the running job will not be tried again if it fails now (always, when it runs outside a worker)."""
    job = get_current_job()
    return job is None or not job.retries_left


def deliver(messages: Sequence[EmailMessage]) -> int:
    """The mail job: send ``messages`` with the real backend (``QUEUED_EMAIL_BACKEND``)."""
    return get_connection(settings.QUEUED_EMAIL_BACKEND).send_messages(list(messages)) or 0


class QueuedEmailBackend(BaseEmailBackend):
    """Django's e-mail backend that hands the messages to a job, so a request never waits for the mail server."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        messages = list(email_messages)
        if not messages:
            return 0
        for message in messages:
            message.connection = None
        enqueue(deliver, messages)
        return len(messages)
