"""Run by tests/ops/test_replica.py in a fresh process whose settings name a primary and a streaming replica.

    python -m tests.ops.replica_reads    (DATABASE_URL, DATABASE_REPLICA_URL, PRIMARY_CONTROL_URL, REPLICA_CONTROL_URL)

With the replica's replay paused, a facilitator publishes a survey through the Wagtail admin; prints, as JSON, which
reader saw the survey on the results pages before and after replay resumed. The CONTROL URLs reach the two
PostgreSQL servers directly (the app's URLs may go through PgBouncer) to pause replay and compare WAL positions.
"""

from __future__ import annotations

import datetime
import json
import os
import time
import uuid

import django
import psycopg


def wait_for_replay(limit: float = 20) -> None:
    """Until the replica has replayed everything the primary wrote so far."""
    with psycopg.connect(os.environ["PRIMARY_CONTROL_URL"], autocommit=True) as primary:
        target = primary.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
    deadline = time.monotonic() + limit
    with psycopg.connect(os.environ["REPLICA_CONTROL_URL"], autocommit=True) as replica:
        while True:
            caught_up = replica.execute(
                "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), %s::pg_lsn) >= 0", [str(target)]
            ).fetchone()[0]
            if caught_up:
                return
            assert time.monotonic() < deadline, "the replica did not catch up"
            time.sleep(0.1)


def set_replay(paused: bool) -> None:
    with psycopg.connect(os.environ["REPLICA_CONTROL_URL"], autocommit=True) as replica:
        replica.execute("SELECT pg_wal_replay_pause()" if paused else "SELECT pg_wal_replay_resume()")
        for _ in range(100):
            state = replica.execute("SELECT pg_get_wal_replay_pause_state()").fetchone()[0]
            if (state == "paused") == paused:
                return
            time.sleep(0.05)
    raise AssertionError(f"replay did not {'pause' if paused else 'resume'}")


def make_staff(role, email: str):
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.models import Group

    from cms.models import User
    from tests.conftest import TOTP_SECRET

    user = User.objects.create_user(username=email, email=email, password=uuid.uuid4().hex)
    user.groups.add(Group.objects.get(name=role.value))
    TOTP.activate(user, TOTP_SECRET)
    return user


def main() -> dict:
    from django.utils import timezone
    from wagtail.models import Locale

    from cms.demo import seed_home_pages, seed_regions
    from cms.roles import Role
    from surveys.blocks import definition_value
    from surveys.models import SurveyIndexPage, SurveyPage
    from tests.conftest import Client
    from tests.surveys.conftest import DEFINITION

    seed_regions()
    home = seed_home_pages()
    index = home.add_child(instance=SurveyIndexPage(title="Survei", slug="survei", locale=home.locale))
    index.save_revision().publish()
    title = f"Survei Replika {uuid.uuid4().hex[:8]}"
    survey = index.add_child(
        instance=SurveyPage(
            title=title,
            slug="replika",
            introduction="Survei untuk uji replika.",
            assent_text="Tanpa nama.",
            opens_at=timezone.now() - datetime.timedelta(days=1),
            definition=definition_value(DEFINITION),
            published_results=["bullied"],
            locale=Locale.get_default(),
            live=False,
        )
    )
    survey.save_revision()
    writer, reader, visitor = Client(), Client(), Client()
    writer.force_login(make_staff(Role.FACILITATOR, "fasilitator@example.test"))
    reader.force_login(make_staff(Role.OFFICIAL, "pejabat@example.test"))

    def seen() -> dict[str, bool]:
        pages = {
            "writer_dashboard": writer.get("/staf/hasil/"),
            "reader_dashboard": reader.get("/staf/hasil/"),
            "public_results": visitor.get("/hasil/"),
        }
        for name, page in pages.items():
            assert page.status_code == 200, (name, page.status_code)
        return {name: title in page.content.decode() for name, page in pages.items()}

    wait_for_replay()
    set_replay(paused=True)
    try:
        before = seen()
        published = writer.post(f"/admin/bulk/wagtailcore/page/publish/?id={survey.pk}&next=/admin/", {})
        live_on_primary = SurveyPage.objects.get(pk=survey.pk).live
        while_paused = seen()
    finally:
        set_replay(paused=False)
    wait_for_replay()
    after = seen()
    return {
        "publish_status": published.status_code,
        "pin_cookie": "suara_primary" in published.cookies,
        "live_on_primary": live_on_primary,
        "before": before,
        "while_paused": while_paused,
        "after_replay": after,
    }


if __name__ == "__main__":
    django.setup()
    print(json.dumps(main()))
