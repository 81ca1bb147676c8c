"""The API's tests use the results fixtures (a survey answered in four kecamatan, its choice questions published)."""

import pytest

from api.models import ApiToken
from tests.forum.conftest import consultation_index, make_consultation  # noqa: F401
from tests.results.conftest import published_results  # noqa: F401
from tests.surveys.conftest import answer_survey, make_survey, official, survey, survey_index  # noqa: F401


@pytest.fixture
def official_token(official):  # noqa: F811 - the fixture imported above
    """An official's token, raw: what they copied from the staff page."""
    _token, raw = ApiToken.issue(official, "Portal Satu Data")
    return raw


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
