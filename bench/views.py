"""The ceiling of ``bench/submission.py``: a view that does nothing but insert one row."""

from http import HTTPStatus

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.views.decorators.http import require_http_methods

from bench.models import BenchRow


@require_http_methods(["GET", "POST"])
def insert_row(request: HttpRequest) -> HttpResponse:
    """GET hands out the CSRF cookie; POST goes through the same middleware (CSRF included) and inserts one row."""
    if request.method == "GET":
        return HttpResponse(get_token(request), content_type="text/plain")
    BenchRow.objects.create(payload=request.POST.get("payload", "")[:200])
    return HttpResponse(status=HTTPStatus.NO_CONTENT)
