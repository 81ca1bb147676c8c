"""Request guards that apply across the whole site."""

import codecs
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.core.files.uploadhandler import FileUploadHandler
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import get_language_from_path, get_language_from_request
from django.utils.translation import gettext_lazy as _

from cms.roles import MFA_REQUIRED_ROLES

logger = logging.getLogger(__name__)


def requires_mfa(user) -> bool:
    """Administrators, facilitators and officials see what children told no one else: they need a second factor."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=[role.value for role in MFA_REQUIRED_ROLES]).exists()


def has_mfa(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def strip_language_prefix(path: str) -> str:
    language = get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        return path[len(language) + 1 :]
    return path


class StaffMFAMiddleware:
    """Send staff who must use MFA to TOTP set-up before they reach the admin or any staff page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = strip_language_prefix(request.path_info)
        if (
            path.startswith(tuple(settings.MFA_REQUIRED_PATH_PREFIXES))
            and requires_mfa(request.user)
            and not has_mfa(request.user)
        ):
            url = reverse("mfa_activate_totp") + "?" + urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(url)
        return self.get_response(request)


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
            context = {"title": refusal.title, "message": refusal.message, "language": language}
            body = render_to_string("request_refused.html", context)
        return HttpResponse(body, status=refusal.status)
