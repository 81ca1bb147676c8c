import json
import os
import subprocess
import sys
import time
from pathlib import Path

import django.test
import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management.color import no_style
from django.core.management.sql import sql_flush
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.creation import BaseDatabaseCreation

from cms.demo import seed_home_pages, seed_regions
from cms.models import HomePage, School, SchoolLevel, SchoolStatus, User
from cms.roles import Role

PROJECT_DIR = Path(__file__).resolve().parent.parent


_MIGRATED_DATA: str | None = None


def pytest_collection_modifyitems(items):
    """Give every transactional test (live server, browser, real threads) Django's serialized rollback."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
        if transactional or {"live_server", "transactional_db"} & set(item.fixturenames):
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Hand the serialized copy of the migrated database to this test's connection object.

    A transactional test empties every table when it ends, and Django restores what migrations created from a
    copy it keeps on the connection. Once Playwright runs, a test runs in another greenlet, whose context gets
    a fresh connection object without that copy; without this, later tests would find no root page, no roles.
    """
    if _MIGRATED_DATA is not None:
        connections[DEFAULT_DB_ALIAS]._test_serialized_contents = _MIGRATED_DATA


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    """The same at the end, so the flush after a browser test keeps Django from re-creating content types."""
    pytest_runtest_setup(item)


@pytest.fixture(scope="session", autouse=True)
def _restore_into_empty_tables():
    """Restore the migrated rows into empty tables, content types first, whatever the previous test left behind.

    Django restores them with ``save()``, which only works when no row stands in the way. Building one of Wagtail's
    workflow tasks (from its migrations) looks up its content type and creates it when it is missing, under a new
    id; the restore then failed on the content type's unique name (seen in CI before a browser test). Emptying
    every table and restoring the content types before anything else cannot fail that way.
    """
    original = BaseDatabaseCreation.deserialize_db_from_string

    def deserialize_into_empty_tables(creation, data):
        connection = creation.connection
        connection.ops.execute_sql_flush(sql_flush(no_style(), connection, reset_sequences=False, allow_cascade=True))
        content_types = [row for row in json.loads(data) if row["model"] == "contenttypes.contenttype"]
        for row in serializers.deserialize("json", json.dumps(content_types), using=connection.alias):
            row.save()
        return original(creation, data)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseDatabaseCreation, "deserialize_db_from_string", deserialize_into_empty_tables)
        yield


@pytest.fixture(autouse=True)
def _serialized_copy_for_database_tests(request):
    """Take the copy of the migrated database before the first test that uses it can change it."""
    uses_database = {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    if uses_database or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("migrated_data")


def restore_migrated_rows() -> None:
    """Put back every row the migrations made, into emptied tables, when a flush was not undone for this test."""
    from django.contrib.contenttypes.models import ContentType

    connections[DEFAULT_DB_ALIAS].creation.deserialize_db_from_string(_MIGRATED_DATA)
    ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def migrated_data(django_db_setup, django_db_blocker) -> str:
    """Every row the migrations put into the fresh test database, serialized once per test session."""
    global _MIGRATED_DATA
    connection = connections[DEFAULT_DB_ALIAS]
    with django_db_blocker.unblock():
        _MIGRATED_DATA = getattr(connection, "_test_serialized_contents", None) or (
            connection.creation.serialize_db_to_string()
        )
    connection._test_serialized_contents = _MIGRATED_DATA
    return _MIGRATED_DATA


@pytest.fixture
def regions(db):
    """Kota Balikpapan's 6 kecamatan and 34 kelurahan, loaded from the project's own CSV."""
    seed_regions()


@pytest.fixture
def home(regions) -> HomePage:
    """The Indonesian home page as the default Site's root, with its English translation."""
    return seed_home_pages()


@pytest.fixture
def school(regions) -> School:
    from cms.models import Region

    return School.objects.create(
        name="SD Uji Coba",
        level=SchoolLevel.SD,
        status=SchoolStatus.PUBLIC,
        kelurahan=Region.objects.kelurahan().first(),
    )


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PASSWORD = "Sandi-Kuat-2026!"


def current_totp_code(secret: str = TOTP_SECRET, *, margin: float = 5.0) -> str:
    """The authenticator's code now, taken at least ``margin`` seconds before it changes: a browser types it and
    the server checks it a moment later, and on a busy machine that moment could fall in the next 30-second period
    (allauth accepts only the current code, ``MFA_TOTP_TOLERANCE`` = 0)."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    left = app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD
    if left < margin:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


class Client(django.test.Client):
    """Django's test client whose ``force_login`` stands for a whole allauth sign-in, second factor included.

    The MFA gate lets staff in only when their session passed the TOTP step (``cms.middleware.session_passed_mfa``),
    so a forced login writes the records allauth's flow writes. Tests of the gate itself sign in with real POSTs.
    """

    def force_login(self, user, backend=None) -> None:
        super().force_login(user, backend)
        session = self.session
        now = time.time()
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": now, "email": user.email},
            {"method": "mfa", "at": now, "type": "totp"},
        ]
        session["account_authentication_methods_user"] = str(user.pk)
        session.save()


@pytest.fixture
def client() -> Client:
    return Client()


@pytest.fixture
def make_user(db):
    """Make a user with a role; staff who must use MFA get a TOTP authenticator unless ``mfa=False``."""

    def make(
        role: Role | None = None,
        *,
        email: str | None = None,
        superuser: bool = False,
        mfa: bool | None = None,
        **fields,
    ) -> User:
        from allauth.mfa.totp.internal.auth import TOTP

        from cms.middleware import requires_mfa

        email = email or f"{(role.name if role else 'user').lower()}@example.test"
        user = User.objects.create_user(
            username=email, email=email, password=PASSWORD, is_superuser=superuser, is_staff=superuser, **fields
        )
        if role:
            user.groups.add(Group.objects.get(name=role.value))
        if mfa if mfa is not None else requires_mfa(user):
            TOTP.activate(user, TOTP_SECRET)
        return user

    return make


CONFIG_VARIABLES = {
    "DATABASE_URL",
    "REDIS_URL",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "EMAIL_HOST",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def subprocess_env(env: dict[str, str | None]) -> dict[str, str]:
    """This process's environment without the project's settings, then ``env`` (``None`` unsets a variable)."""
    merged = {key: value for key, value in os.environ.items() if key not in CONFIG_VARIABLES}
    merged["DJANGO_SETTINGS_MODULE"] = "cms.settings"
    for key, value in env.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def run_manage(*args: str, env: dict[str, str | None]) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh process, so settings are read from the given environment."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=subprocess_env(env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_python(code: str, env: dict[str, str | None]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_DIR,
        env=subprocess_env(env),
        capture_output=True,
        text=True,
        timeout=120,
    )


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Skips without it, unless SUARA_REQUIRE_BROWSER is set (CI)."""
    reason = None
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: run `bash scripts/install-browser.sh` as root"
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            reason = "the playwright Python package is not installed"
    if reason:
        if os.environ.get("SUARA_REQUIRE_BROWSER"):
            pytest.fail(f"Browser tests are required here but cannot run: {reason}")
        pytest.skip(reason)
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):
    """A fresh browser context the size of a small Android phone (360×740), in Indonesian."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID", is_mobile=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so rate-limit counters never leak from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _indonesian_by_default():
    """Each test starts in the site's default language, whatever an earlier test activated."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


class JobQueue:
    """The RQ queue the tests use (QUEUE_TEST_URL, emptied first), and a way to work it in this process.

    Jobs are put on the queue when the database transaction that asked for them commits (django-rq's
    ``on_db_commit``); a test runs inside one transaction, so :meth:`run` first hands over what it committed.
    """

    def __init__(self, capture_on_commit):
        import django_rq
        from django.conf import settings

        self.queue = django_rq.get_queue(settings.JOB_QUEUE)
        if self.queue.is_async:
            self.queue.empty()
        self.capture_on_commit = capture_on_commit
        self.committing = capture_on_commit(execute=True)
        self.committing.__enter__()

    def commit(self) -> None:
        self.committing.__exit__(None, None, None)
        self.committing = self.capture_on_commit(execute=True)
        self.committing.__enter__()

    def run(self) -> None:
        """Work every job waiting (retries too) in this process, with the test's database connection."""
        from rq import SimpleWorker

        self.commit()
        if self.queue.is_async:
            SimpleWorker([self.queue], connection=self.queue.connection).work(burst=True, with_scheduler=False)

    def __len__(self) -> int:
        return self.queue.count if self.queue.is_async else 0


@pytest.fixture
def job_queue(django_capture_on_commit_callbacks) -> JobQueue:
    """The job queue: a real Redis one when QUEUE_TEST_URL is set (as in CI), else jobs run inside the request."""
    queue = JobQueue(django_capture_on_commit_callbacks)
    yield queue
    queue.committing.__exit__(None, None, None)


@pytest.fixture
def real_job_queue(job_queue) -> JobQueue:
    """A real Redis queue, for what only a worker does (retries, jobs waiting until it runs)."""
    if not job_queue.queue.is_async:
        pytest.skip("QUEUE_TEST_URL is not set (e.g. redis://127.0.0.1:6379/7)")
    return job_queue
