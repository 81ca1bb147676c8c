"""Request guards that apply across the whole site."""

import codecs
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.core.files.uploadhandler import FileUploadHandler
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import get_language_from_path, get_language_from_request
from django.utils.translation import gettext_lazy as _

from cms.roles import NEEDS_SECOND_FACTOR

logger = logging.getLogger(__name__)


def requires_mfa(user) -> bool:
    """Administrators, facilitators and officials see what children told no one else: they need a second factor."""
    return user.is_authenticated and any(user.has_perm(permission) for permission in NEEDS_SECOND_FACTOR)


def has_mfa(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_passed_mfa(request: HttpRequest, user) -> bool:
    """Whether *this session* proved the second factor, not merely whether the account has one.

    allauth records every authentication step of a session; a sign-in through its flow adds an ``mfa`` record
    once the TOTP or a recovery code is accepted. A session that set up its TOTP after signing in proved the code
    at set-up, so an authenticator created after the session's first record counts too. A session signed in any
    other way (a plain Django or Wagtail login view, a password reset) has neither.
    """
    records = get_authentication_records(request, user)
    if any(record.get("method") == "mfa" for record in records):
        return True
    started = min((record["at"] for record in records if isinstance(record.get("at"), (int, float))), default=None)
    if started is None:
        return False
    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP, created_at__gte=datetime.fromtimestamp(started, tz=UTC)
    ).exists()


def strip_language_prefix(path: str) -> str:
    language = get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        return path[len(language) + 1 :]
    return path


class StaffMFAMiddleware:
    """Staff who must use MFA are signed in only by a session that passed it, whichever view signed them in.

    An account with TOTP whose session did not pass the TOTP step is signed out and sent to allauth's sign-in, on
    every path, so no login view outside allauth's flow (Wagtail's, Django's, one added later) can open a staff
    page with a password alone. An account without TOTP yet is sent to set it up before any staff path.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if requires_mfa(user):
            next_url = urlencode({"next": request.get_full_path()})
            if has_mfa(user):
                if not session_passed_mfa(request, user):
                    logger.warning("Signed out user %s: session did not pass MFA", user.pk)
                    logout(request)
                    return HttpResponseRedirect(reverse("account_login") + "?" + next_url)
            elif strip_language_prefix(request.path_info).startswith(tuple(settings.MFA_REQUIRED_PATH_PREFIXES)):
                return HttpResponseRedirect(reverse("mfa_activate_totp") + "?" + next_url)
        return self.get_response(request)


request_logger = logging.getLogger("suara.requests")


class RequestTimeMiddleware:
    """Log how long each request took, by route, and warn about any slower than ``SLOW_REQUEST_SECONDS``.

    A request names its route pattern (``staf/hasil/``), never the values in it, and nothing about who asked: no
    address, no session, no query string. Wagtail pages are named by their path, which is public. Slow requests are
    warnings, so production logs show them at the default level; ``REQUEST_TIME_LOG`` also writes every request to a
    file, which ``bench/journey_requests.py`` reads after the browser journeys.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = time.perf_counter() - started
        level = logging.WARNING if elapsed > settings.SLOW_REQUEST_SECONDS else logging.INFO
        if request_logger.isEnabledFor(level):
            request_logger.log(
                level,
                "%s %s -> %s in %.0f ms",
                request.method,
                route_label(request),
                response.status_code,
                elapsed * 1000,
            )
        return response


def route_label(request: HttpRequest) -> str:
    match = request.resolver_match
    if match is None:
        return "(no route)"
    if match.url_name == "wagtail_serve":
        return f"page /{match.args[0] if match.args else ''}"[:120]
    return f"/{match.route}"


class DatabaseUnavailableMiddleware:
    """Answer with a friendly 503 page, and no stack trace, when the database cannot be reached."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as error:
            return self.unavailable(error)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, (OperationalError, InterfaceError)) or (
            isinstance(exception, DatabaseError) and "connect" in str(exception).lower()
        ):
            return self.unavailable(exception)
        return None

    def unavailable(self, error: Exception) -> HttpResponse:
        logger.error("Database unavailable: %s", error)
        response = HttpResponse(render_to_string("503.html"), status=HTTPStatus.SERVICE_UNAVAILABLE)
        response["Retry-After"] = "60"
        return response


PRIVATE_PATH_PREFIXES = ("/admin/", "/staf/", "/akun/")
# Directives that let a shared cache (a proxy, a CDN) keep a copy, or keep one for a while.
SHAREABLE_DIRECTIVES = {"public", "max-age", "s-maxage", "stale-while-revalidate", "stale-if-error", "immutable"}


class PrivatePagesMiddleware:
    """Nothing of a staff page, an export or a page drawn for a signed-in person is stored by any cache.

    Staff pages (the admin, ``/staf/``, the account pages, after any language prefix) and every response to a
    signed-in user answer ``Cache-Control: private, no-store``, replacing whatever ``public`` or ``max-age`` a
    view set. Anonymous requests for public pages are left as their views answered, so children's pages may
    still be cached. A request without a session cookie cannot be signed in, so it costs no session read.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_private(request):
            forbid_storing(response)
        return response


def is_private(request: HttpRequest) -> bool:
    if strip_language_prefix(request.path_info).startswith(PRIVATE_PATH_PREFIXES):
        return True
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def forbid_storing(response: HttpResponse) -> None:
    directives = [part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()]
    kept = [
        directive
        for directive in directives
        if directive.split("=")[0].strip().lower() not in SHAREABLE_DIRECTIVES | {"private", "no-store"}
    ]
    response["Cache-Control"] = ", ".join(["private", "no-store", *kept])


# Admin URL kwargs that name a page, and admin views that take page ids as ``?id=``.
PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")
PAGE_IDS_IN_QUERY_VIEWS = {"wagtailadmin_choose_page_chosen_multiple", "wagtail_bulk_action"}


class AdminPageScopeMiddleware:
    """In the Wagtail admin, a user who may not see every page (a Forum Anak member) opens only the pages they may
    explore; see ``cms.page_scope``. Wagtail has no hook for these views, so they are checked before they run."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        from wagtail.admin.auth import permission_denied

        from cms.page_scope import SITE_WIDE_PAGE_VIEWS, may_see_pages, sees_every_page

        match = request.resolver_match
        if match is None or not request.path_info.startswith("/admin/") or not request.user.is_authenticated:
            return None
        name = match.view_name
        page_ids = [view_kwargs[key] for key in PAGE_ID_KWARGS if key in view_kwargs]
        if name.startswith("wagtailadmin_pages:") and "pk" in view_kwargs:
            page_ids.append(view_kwargs["pk"])
        if name in PAGE_IDS_IN_QUERY_VIEWS and view_kwargs.get("model_name", "page") == "page":
            page_ids += [int(value) for value in request.GET.getlist("id") if value.isdigit()]
        if name in SITE_WIDE_PAGE_VIEWS:
            return None if sees_every_page(request.user) else permission_denied(request)
        if page_ids and not may_see_pages(request.user, page_ids):
            return permission_denied(request)
        return None


class FileNotAccepted(SuspiciousOperation):
    """A file part in a request to a route that takes no files."""


class NoFileUploadHandler(FileUploadHandler):
    """Refuses the first file part, before any of its bytes are stored in memory or on disk."""

    def new_file(self, *args, **kwargs) -> None:
        raise FileNotAccepted("This route accepts no file uploads.")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        raise FileNotAccepted("This route accepts no file uploads.")

    def file_complete(self, file_size: int) -> None:
        return None


@dataclass(frozen=True)
class Refusal:
    status: HTTPStatus
    title: str
    message: str


UNREADABLE = Refusal(
    HTTPStatus.BAD_REQUEST,
    _("Permintaan tidak bisa dibaca"),
    _(
        "Alamat atau isian ini memuat karakter yang tidak bisa kami baca. "
        "Periksa lagi alamatnya, atau kembali dan isi formulirnya lagi."
    ),
)
NO_FILES = Refusal(
    HTTPStatus.BAD_REQUEST,
    _("Formulir ini tidak menerima berkas"),
    _("Kirim formulir ini tanpa berkas atau lampiran."),
)
TOO_LARGE = Refusal(
    HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
    _("Kiriman terlalu besar"),
    _("Yang kamu kirim lebih besar daripada yang bisa diterima di sini."),
)
HOSTILE_CHARACTERS = re.compile("[\x00\ud800-\udfff]")
ACCEPTED_CHARSETS = frozenset({"utf-8", "ascii", "iso8859-1"})


def is_hostile(text: str) -> bool:
    """NUL and lone surrogates: PostgreSQL refuses both in text and JSON, and no form of ours needs them."""
    return bool(HOSTILE_CHARACTERS.search(text))


def has_hostile_items(items) -> bool:
    return any(is_hostile(key) or any(is_hostile(value) for value in values) for key, values in items)


class RequestGuardMiddleware:
    """Refuse, before any view or the database sees it, a request no form of ours can take.

    400 for a NUL byte or lone surrogate in the path, a query, a cookie or a form field; for a body or query
    declared in a charset other than UTF-8, ASCII or Latin-1; for a file part sent to a route outside
    ``UPLOAD_PATH_PREFIXES``. 413 for a body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (outside the upload
    routes) or ``UPLOAD_MAX_REQUEST_SIZE`` (on them), judged from Content-Length before a byte is read. It runs
    before sessions are loaded, so a hostile session cookie never reaches the session table either.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.refusal(request) or self.get_response(request)

    def refusal(self, request: HttpRequest) -> HttpResponse | None:
        takes_files = request.path_info.startswith(tuple(settings.UPLOAD_PATH_PREFIXES))
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return self.refuse(request, UNREADABLE)
        limit = settings.UPLOAD_MAX_REQUEST_SIZE if takes_files else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length > limit:
            return self.refuse(request, TOO_LARGE)
        if not self.has_accepted_charset(request):
            return self.refuse(request, UNREADABLE)
        if (
            is_hostile(request.path_info)
            or has_hostile_items(request.COOKIES.items())
            or has_hostile_items(request.GET.lists())
        ):
            return self.refuse(request, UNREADABLE)
        if request.method == "POST":
            if not takes_files:
                request.upload_handlers = [NoFileUploadHandler(request)]
            try:
                hostile_body = has_hostile_items(request.POST.lists()) or any(
                    is_hostile(name) or is_hostile(upload.name or "") for name, upload in request.FILES.items()
                )
            except RequestDataTooBig:
                return self.refuse(request, TOO_LARGE)
            except FileNotAccepted:
                return self.refuse(request, NO_FILES)
            except (SuspiciousOperation, BadRequest, MultiPartParserError):
                return self.refuse(request, UNREADABLE)
            if hostile_body:
                return self.refuse(request, UNREADABLE)
        return None

    @staticmethod
    def has_accepted_charset(request: HttpRequest) -> bool:
        charset = request.content_params.get("charset")
        if charset is None:
            return True
        try:
            return codecs.lookup(charset).name in ACCEPTED_CHARSETS
        except LookupError:
            return False

    @staticmethod
    def refuse(request: HttpRequest, refusal: Refusal) -> HttpResponse:
        """A short page in the visitor's language; built without the session, the user or the database."""
        logger.info("Request refused (%s): %s", refusal.status.value, request.path_info.encode("unicode_escape")[:200])
        language = get_language_from_request(request, check_path=True)
        with translation.override(language):
            if request.path_info.startswith(tuple(settings.API_PATH_PREFIXES)):
                return JsonResponse({"detail": str(refusal.message)}, status=refusal.status)
            context = {"title": refusal.title, "message": refusal.message, "language": language}
            body = render_to_string("request_refused.html", context)
        return HttpResponse(body, status=refusal.status)
