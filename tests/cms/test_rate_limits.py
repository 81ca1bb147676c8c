from http import HTTPStatus

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited
from django_ratelimit.middleware import RatelimitMiddleware


@ratelimit(key="ip", rate="2/m", block=True)
def limited_view(request):
    return HttpResponse("ok")


def test_a_client_over_the_limit_gets_a_friendly_429_page(home):
    request = RequestFactory().post("/x/", REMOTE_ADDR="10.9.8.7")
    assert limited_view(request).status_code == HTTPStatus.OK
    assert limited_view(request).status_code == HTTPStatus.OK
    with pytest.raises(Ratelimited) as refused:
        limited_view(request)
    response = RatelimitMiddleware(lambda request: None).process_exception(request, refused.value)
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Terlalu banyak percobaan" in response.content.decode()
