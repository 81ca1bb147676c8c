import json

import pytest

from tests.conftest import run_manage, run_python

SHOW_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']), "
    "'host': s.DATABASES['default'].get('HOST', ''), 'cache': s.CACHES['default']['BACKEND'], "
    "'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, 'email': s.EMAIL_BACKEND, 'lang': s.LANGUAGE_CODE, "
    "'queued_email': s.QUEUED_EMAIL_BACKEND}))"
)


DEPLOY_KEY = "q7Vd-3kLmZ9pXw2rT8yBn4cHs6fJ0gA1eU5iO-uRtYvWxQzPlMnKjHgFdSa"


def settings_for(env: dict[str, str]) -> dict:
    result = run_python(SHOW_SETTINGS, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_are_sqlite_and_local_memory_cache():
    shown = settings_for({"SUARA_ENV": "dev"})
    assert shown["engine"] == "django.db.backends.sqlite3"
    assert shown["name"].endswith("db.sqlite3")
    assert shown["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert shown["lang"] == "id"


def test_database_redis_hosts_and_email_come_from_the_environment():
    shown = settings_for(
        {
            "SUARA_ENV": "production",
            "SECRET_KEY": DEPLOY_KEY,
            "DATABASE_URL": "postgres://suara@db.example:5432/suara",
            "REDIS_URL": "redis://cache.example:6379/1",
            "ALLOWED_HOSTS": "suara.example, www.suara.example",
            "EMAIL_HOST": "smtp.example",
        }
    )
    assert shown["engine"] == "django.db.backends.postgresql"
    assert (shown["host"], shown["name"]) == ("db.example", "suara")
    assert shown["cache"] == "cms.cache.RedisCache"
    assert shown["hosts"] == ["suara.example", "www.suara.example"]
    # With Redis there is a job queue: mail leaves through a job (cms.queue), which sends it over SMTP.
    assert shown["email"] == "cms.queue.QueuedEmailBackend"
    assert shown["queued_email"] == "django.core.mail.backends.smtp.EmailBackend"


@pytest.mark.parametrize(
    ("env", "debug"),
    [
        ({"SUARA_ENV": "dev"}, True),
        ({"SUARA_ENV": "dev", "DEBUG": "false"}, False),
        ({"SUARA_ENV": "production", "SECRET_KEY": DEPLOY_KEY}, False),
        ({"SUARA_ENV": "production", "SECRET_KEY": DEPLOY_KEY, "DEBUG": "1"}, True),
    ],
)
def test_debug_is_off_unless_the_dev_profile_or_the_environment_turns_it_on(env, debug):
    assert settings_for(env)["debug"] is debug


def test_production_profile_refuses_to_start_without_a_secret_key():
    result = run_manage("check", env={"SUARA_ENV": "production", "SECRET_KEY": None})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_is_the_default_profile():
    result = run_manage("check", env={"SUARA_ENV": None})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_unknown_profile_is_refused():
    result = run_manage("check", env={"SUARA_ENV": "staging"})
    assert result.returncode != 0
    assert "SUARA_ENV must be one of" in result.stderr


def test_check_deploy_reports_no_issue_in_production_profile():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        env={
            "SUARA_ENV": "production",
            "SECRET_KEY": DEPLOY_KEY,
            "ALLOWED_HOSTS": "suara.example",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_a_shared_cache_is_refused_because_rate_limits_would_not_hold():
    result = run_manage("check", env={"SUARA_ENV": "production", "SECRET_KEY": DEPLOY_KEY, "ALLOWED_HOSTS": "x"})
    assert result.returncode != 0
    assert "not a shared cache" in result.stderr
