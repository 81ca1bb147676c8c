"""Every operation of /api/v1/openapi.json, run by schemathesis against the API it describes: no server error, and
every answer (status, content type, body) as the description says, with and without an official's token.

Each operation is one test: schemathesis generates valid requests (every answer must match the description) and
invalid ones (none may be a server error)."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import checks
from schemathesis.generation import GenerationMode

from api.endpoints import api
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

CONFORMS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]
DESCRIPTION = api.get_openapi_schema()
OPERATIONS = sorted(DESCRIPTION["paths"])
# An operation without parameters has no invalid request to make.
WITH_PARAMETERS = [path for path in OPERATIONS if DESCRIPTION["paths"][path]["get"].get("parameters")]
EXAMPLES = 20


@pytest.fixture
def wsgi_app():
    """Django's WSGI application inside the test's transaction: like Django's test client, requests do not close
    the test's database connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize(
    ("mode", "path"),
    [(GenerationMode.POSITIVE, path) for path in OPERATIONS]
    + [(GenerationMode.NEGATIVE, path) for path in WITH_PARAMETERS],
)
def test_every_operation_answers_as_described(wsgi_app, published_results, official_token, path, mode):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operation = schema[path]["GET"]
    headers = {"Authorization": bearer(official_token)["HTTP_AUTHORIZATION"]} if "/official/" in path else {}
    statuses = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case):
        response = case.call(headers=headers)
        statuses.append(response.status_code)
        if mode is GenerationMode.POSITIVE:
            case.validate_response(response, checks=CONFORMS, headers=headers)
        else:
            case.validate_response(response, checks=[checks.not_a_server_error], headers=headers)

    run()
    assert statuses, "schemathesis generated no request"
    if mode is GenerationMode.POSITIVE and "{" not in path:
        assert 200 in statuses, "a valid request to an operation without parameters in its path succeeds"
