"""Settings for Suara Anak.

Every value that differs between a laptop, CI and a city's servers is read from the environment here,
and only here. The profile (``SUARA_ENV``) picks safe defaults:

* ``production`` (the default): ``DEBUG`` off, a ``SECRET_KEY`` is required, secure cookies and HSTS.
* ``dev``: the one-command demo; ``DEBUG`` on and a throw-away secret key.
* ``test``: what pytest runs; fast password hashing and a fixed key.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

PROFILES = ("production", "dev", "test")
PROFILE = os.environ.get("SUARA_ENV", "production")
if PROFILE not in PROFILES:
    raise ImproperlyConfigured(f"SUARA_ENV must be one of {', '.join(PROFILES)}, not {PROFILE!r}.")
IS_PRODUCTION = PROFILE == "production"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", PROFILE == "dev")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if IS_PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. The production profile refuses to start without one; "
            "set SECRET_KEY in the environment, or SUARA_ENV=dev for a local demo."
        )
    SECRET_KEY = f"insecure-{PROFILE}-only-key-never-use-in-production-0123456789abcdefghij"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if IS_PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

#: The project's own apps, bottom layer first: each may import only the apps before it (README, "Layers"; enforced by
#: tests/test_layers.py). ``cms.urls`` and ``cms.settings`` are the project itself and may import every app.
PROJECT_APPS = ("cms", "forum", "surveys", "surveys.results", "api")

INSTALLED_APPS = [
    *PROJECT_APPS,
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "cms.apps.UsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_ratelimit",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
    "django_rq",
]

MIDDLEWARE = [
    "cms.middleware.RequestTimeMiddleware",
    "cms.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cms.middleware.RequestGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cms.middleware.StaffMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "cms.sign_in_limits.PasswordRestrictionLimitMiddleware",
    "cms.middleware.AdminPageScopeMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]
# Form widgets render through TEMPLATES, so templates/wagtailadmin/widgets/ replaces Wagtail's inline-script widgets.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Databases: SQLite beside manage.py unless DATABASE_URL names another (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests use a file, not shared memory: a browser test's server thread then waits for a lock instead of failing.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}
# Behind PgBouncer in transaction mode a server-side cursor would not survive to its next fetch (README, "Deployment").
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DATABASE_DISABLE_SERVER_SIDE_CURSORS", False)
# A PostgreSQL streaming replica: the read-only views that opt in (cms.replica) read from it, everything else
# from the primary. Who just wrote reads from the primary for REPLICA_PIN_SECONDS. Tests use the primary for it.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
REPLICA_PIN_SECONDS = int(os.environ.get("REPLICA_PIN_SECONDS", "15"))
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    ) | {
        "DISABLE_SERVER_SIDE_CURSORS": DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"],
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["cms.replica.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("cms.middleware.DatabaseUnavailableMiddleware") + 1, "cms.replica.PrimaryAfterWriteMiddleware"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: Redis when REDIS_URL is set, process memory otherwise. Sessions are written to the
# database and cached, so a Redis restart or outage loses no survey draft and keeps pages served. A Redis that is
# down or hung costs a page at most one short timeout (cms.cache): REDIS_TIMEOUT seconds to connect or to answer,
# then REDIS_RETRY_AFTER seconds without trying, when the default cache counts in process memory and sessions
# come from the database alone.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.25"))
REDIS_RETRY_AFTER = float(os.environ.get("REDIS_RETRY_AFTER", "5"))


def redis_caches(url: str, *, timeout: float = REDIS_TIMEOUT, retry_after: float = REDIS_RETRY_AFTER) -> dict:
    """The default and the session cache on the Redis at ``url``; tests call it to point them elsewhere."""
    options = {"SOCKET_CONNECT_TIMEOUT": timeout, "SOCKET_TIMEOUT": timeout, "RETRY_AFTER": retry_after}
    cache = {"BACKEND": "cms.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": "suara"}
    return {
        "default": cache | {"OPTIONS": options | {"FALLBACK_TO_MEMORY": True}},
        "sessions": cache | {"OPTIONS": options},
    }


if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "sessions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sessions"},
    }
SESSION_CACHE_ALIAS = "sessions"
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Rate limits on anonymous writes are counted in the cache (Redis in production). django-ratelimit stores only a
# hash of the client address, for the length of the window, and never beside a child's answers.
RATELIMIT_VIEW = "cms.views.rate_limited"
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None
# If the cache cannot count, let children's submissions through rather than refuse them all (while Redis is out of
# reach, cms.cache counts in process memory, so the limits still hold per process).
RATELIMIT_FAIL_OPEN = True
if REDIS_URL:
    # cms.cache.RedisCache is django-redis's RedisCache (which django-ratelimit supports) behind a circuit breaker.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
elif not IS_PRODUCTION:
    # One process on a laptop or in tests: its own memory is the whole cache. Production needs REDIS_URL.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

AUTH_USER_MODEL = "cms.User"
# Every password check goes through the first backend, which counts it against the sign-in limit; the other two
# are listed only so sessions signed in through them before it existed stay valid.
AUTHENTICATION_BACKENDS = [
    "cms.auth_backends.RateLimitedBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if PROFILE == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/admin/"
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
ACCOUNT_ADAPTER = "cms.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Suara Anak"
# Administrators, facilitators and officials must set up TOTP before reaching these paths (after any language prefix);
# once they have it, a session that did not pass it is signed out everywhere (cms.middleware.StaffMFAMiddleware).
MFA_REQUIRED_PATH_PREFIXES = ["/admin/", "/staf/"]
# One limit for every sign-in and reset door (cms.sign_in_limits), counted by allauth's limiter. Failed sign-ins and
# MFA codes: 10 a minute per client address, 5 per 5 minutes per account. Reset mails: 20 an hour per client
# address, 3 an hour per e-mail address. Wrong shared passwords of private pages and document collections: 10 a
# minute per client address, 30 per 5 minutes per restriction (a class may share one password and one address).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/300s/key",
    "reset_password": "20/h/ip,3/h/key",
    "restriction_password": "10/m/ip,30/300s/key",
}
# Every session ends 8 hours after it was last changed: a staff sign-in lasts a working day, and a child's
# unfinished survey draft is gone by the next morning.
SESSION_COOKIE_AGE = 8 * 60 * 60
ACCOUNT_SESSION_REMEMBER = True

# E-mail: printed to the console unless an SMTP host is configured.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Suara Anak <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif PROFILE == "test":
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Background jobs (cms.queue): exports, rollup refreshes and e-mails run on an RQ queue in Redis, worked by
# ``manage.py rqworker default`` (scripts/production.sh starts one). QUEUE_URL defaults to REDIS_URL; the test
# profile reads QUEUE_TEST_URL instead, so tests never touch a live queue. With no queue at all (a laptop without
# Redis, tests on SQLite) a job runs at once inside the request that asked for it.
QUEUE_URL = os.environ.get("QUEUE_TEST_URL" if PROFILE == "test" else "QUEUE_URL", "") or (
    "" if PROFILE == "test" else REDIS_URL
)
#: The queue's name; each parallel test process (pytest-xdist) has its own, so none works another's jobs.
JOB_QUEUE = "default"
if PROFILE == "test" and os.environ.get("PYTEST_XDIST_WORKER"):
    JOB_QUEUE += f"-{os.environ['PYTEST_XDIST_WORKER']}"
RQ_QUEUES = {
    JOB_QUEUE: {
        "URL": QUEUE_URL or "redis://127.0.0.1:6379/0",
        "DEFAULT_TIMEOUT": 3 * 60 * 60,
        "ASYNC": bool(QUEUE_URL),
    }
}
RQ_SHOW_ADMIN_LINK = False
#: How often a failed job runs again before the reader is told, in words, that it failed.
JOB_RETRIES = int(os.environ.get("JOB_RETRIES", "2"))
#: An export of more rows than this is a background job with a progress page; a smaller one downloads at once.
EXPORT_DIRECT_ROWS = int(os.environ.get("EXPORT_DIRECT_ROWS", "2000"))
#: Where finished export files wait for their owner: outside MEDIA_ROOT, so no URL serves them but the owner's.
DOWNLOADS_ROOT = Path(os.environ.get("DOWNLOADS_ROOT", BASE_DIR / "var" / "downloads"))
#: What a mail job sends with. With a queue (outside tests) mail leaves through a job, so a slow SMTP server never
#: holds a request.
QUEUED_EMAIL_BACKEND = EMAIL_BACKEND
if QUEUE_URL and PROFILE != "test":
    EMAIL_BACKEND = "cms.queue.QueuedEmailBackend"

# Languages: Indonesian is the source of truth for what a child reads; English is the second language.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Makassar")

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Request size limits. Children's and staff forms send a few kilobytes; the Wagtail page editor sends many fields
# (hence 10,000). Files are taken only under UPLOAD_PATH_PREFIXES (the Wagtail admin's images and documents); any
# other route refuses a file part, and a body over DATA_UPLOAD_MAX_MEMORY_SIZE, before reading it
# (cms.middleware.RequestGuardMiddleware). The proxy in front must allow UPLOAD_MAX_REQUEST_SIZE (README).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
UPLOAD_PATH_PREFIXES = ("/admin/",)
# Routes whose refusals are JSON for programs, not a page (the read-only API, ``api``).
API_PATH_PREFIXES = ("/api/",)
UPLOAD_MAX_REQUEST_SIZE = 30 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

WAGTAIL_SITE_NAME = "Suara Anak"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILUSERS_PASSWORD_REQUIRED = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Autosave off: in Wagtail 8.0 a Publish or a workflow approval clicked while an autosave is in flight runs twice
# (a new page created twice, an approval of a finished task), and the second request fails with a server error.
# Editors are still warned before leaving a page with unsaved changes.
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "xlsx"]
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None

# Content-Security-Policy: scripts only from our own origin (no inline scripts anywhere); video embeds from
# YouTube and Vimeo only. Inline style attributes are allowed because Wagtail's admin and plotly set them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if IS_PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # INSECURE_LOCAL_HTTP is only for scripts/production.sh on loopback, where there is no TLS.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not env_bool("INSECURE_LOCAL_HTTP", False)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # WeasyPrint warns about every screen-only CSS rule it skips when drawing the evidence pack's PDF.
    "loggers": {"weasyprint": {"level": "ERROR"}},
}
# Requests slower than this are logged as warnings (cms.middleware.RequestTimeMiddleware): no web request should do
# more than a bounded amount of work; anything longer is a background job. REQUEST_TIME_LOG names a file that gets
# every request's route, status and time (used by bench/journey_requests.py).
SLOW_REQUEST_SECONDS = float(os.environ.get("SLOW_REQUEST_SECONDS", "2"))
REQUEST_TIME_LOG = os.environ.get("REQUEST_TIME_LOG", "")
if REQUEST_TIME_LOG:
    LOGGING["handlers"]["request_times"] = {"class": "logging.FileHandler", "filename": REQUEST_TIME_LOG}
    LOGGING["loggers"]["suara.requests"] = {"handlers": ["request_times"], "level": "INFO", "propagate": False}

# Forum Anak (forum): consultation inputs one client may send; schools share one address, so not too few.
FORUM_INPUT_RATE = os.environ.get("FORUM_INPUT_RATE", "20/h")
# Jejak Suara (forum): kode jejak look-ups and "did you feel heard?" answers one address may send; codes are ~50 bits,
# so this is not what stops guessing, it keeps a script from trying.
JEJAK_LOOKUP_RATE = os.environ.get("JEJAK_LOOKUP_RATE", "10/h")
# Jejak Suara (forum): the adults a proposal waits on are e-mailed once it has waited this many days on them
# (send_proposal_reminders); the weekly digest lists the same proposals for the city's coordinator.
JEJAK_WAITING_DAYS = int(os.environ.get("JEJAK_WAITING_DAYS", "14"))

# Benchmarks (bench): a bare insert view and a Wagtail form page for bench/submission.py; never in production.
BENCH_VIEWS = env_bool("SUARA_BENCH_VIEWS", False)
if BENCH_VIEWS:
    INSTALLED_APPS.append("bench")

# Read-only API (api): requests per client address without a token, and per token. The test profile allows more so
# the schema test can walk every operation.
API_RATE_ANONYMOUS = os.environ.get("API_RATE_ANONYMOUS", "1000/m" if PROFILE == "test" else "60/m")
API_RATE_TOKEN = os.environ.get("API_RATE_TOKEN", "1000/m" if PROFILE == "test" else "300/m")
#: The licence of the open-data packages (``/hasil/data/<id>.zip``), as Frictionless names it.
OPEN_DATA_LICENSE = {
    "name": os.environ.get("OPEN_DATA_LICENSE_NAME", "CC-BY-4.0"),
    "path": os.environ.get("OPEN_DATA_LICENSE_PATH", "https://creativecommons.org/licenses/by/4.0/"),
    "title": os.environ.get("OPEN_DATA_LICENSE_TITLE", "Creative Commons Attribution 4.0"),
}

# Retention (surveys): free-text answers are blanked this many days after they were sent (purge_old_data).
RETENTION_FREE_TEXT_DAYS = int(os.environ.get("RETENTION_FREE_TEXT_DAYS", "365"))

# Offline class mode (surveys/offline.py): a submission key is good for this many days after the day it was issued,
# and answers queued on a device while their survey was open are still taken this many days after it closed.
OFFLINE_KEY_MAX_AGE_DAYS = int(os.environ.get("OFFLINE_KEY_MAX_AGE_DAYS", "30"))
OFFLINE_CLOSED_SURVEY_GRACE_DAYS = int(os.environ.get("OFFLINE_CLOSED_SURVEY_GRACE_DAYS", "7"))
