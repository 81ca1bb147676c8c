"""Mail on the queue (cms.queue): a request hands it to a job, and the worker sends it."""

from django.core import mail
from django.core.mail import EmailMessage, get_connection


def test_queued_mail_is_sent_by_the_worker_not_the_request(real_job_queue, settings):
    settings.QUEUED_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    backend = get_connection("cms.queue.QueuedEmailBackend")
    sent = backend.send_messages([EmailMessage("Kode masuk", "Isi", "a@example.test", ["b@example.test"])])
    assert sent == 1 and mail.outbox == [] and len(real_job_queue) == 1
    real_job_queue.run()
    assert [message.subject for message in mail.outbox] == ["Kode masuk"]
