import datetime
import io

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from surveys.models import Answer


def old_and_new_answers(survey, answer_survey):
    today = timezone.localdate()
    answer_survey(survey, 2, {"wish": "cerita lama", "bullied": "no"}, day=today - datetime.timedelta(days=400))
    answer_survey(survey, 3, {"wish": "cerita baru", "bullied": "yes"}, day=today - datetime.timedelta(days=10))


def expired_and_live_sessions():
    """Two drafts abandoned (their sessions expired an hour ago) and one still in progress."""
    for _ in range(2):
        store = SessionStore()
        store["survey-draft"] = {"bullied": "yes"}
        store.create()
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(hours=1))
    live = SessionStore()
    live["survey-draft"] = {"bullied": "no"}
    live.create()


def test_dry_run_counts_and_changes_nothing(survey, answer_survey):
    old_and_new_answers(survey, answer_survey)
    expired_and_live_sessions()
    out = io.StringIO()
    call_command("purge_old_data", "--dry-run", "--days", "365", stdout=out)
    assert "Would purge: 2 free-text answers older than 365 days" in out.getvalue()
    assert Answer.objects.exclude(text_value="").count() == 5
    assert Session.objects.count() == 3


def test_purge_blanks_only_old_free_text_and_deletes_only_expired_sessions(survey, answer_survey, settings):
    settings.RETENTION_FREE_TEXT_DAYS = 365
    old_and_new_answers(survey, answer_survey)
    expired_and_live_sessions()
    call_command("purge_old_data", stdout=io.StringIO())
    assert list(Answer.objects.exclude(text_value="").values_list("text_value", flat=True)) == ["cerita baru"] * 3
    assert Answer.objects.filter(question_code="bullied").count() == 5, "coded answers are kept"
    assert Session.objects.count() == 1
    assert Session.objects.get().expire_date > timezone.now()
