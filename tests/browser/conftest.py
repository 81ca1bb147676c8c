"""The surveys' and forum's page fixtures, shared with the browser tests that walk those pages."""

import pytest

from cms.demo import seed_sections
from surveys.demo import seed_surveys
from surveys.models import Audience, SurveyPage
from tests.cms.conftest import sections  # noqa: F401
from tests.forum.conftest import consultation_index, forum_groups, make_consultation  # noqa: F401
from tests.results.conftest import published_results  # noqa: F401
from tests.surveys.conftest import (  # noqa: F401
    answer_survey,
    coordinator,
    make_code,
    make_survey,
    other_school,
    survey,
    survey_index,
)


@pytest.fixture
def demo(home) -> list[SurveyPage]:
    """The demo site's sections (so the header has its whole menu) and every demo survey in every language."""
    seed_sections(home)
    sources = seed_surveys(home).values()
    pages = [page.specific for source in sources for page in source.get_translations(inclusive=True).live()]
    assert {page.audience for page in pages} == set(Audience.values), "every audience"
    assert {page.locale.language_code for page in pages} == {"id", "en"}
    return pages
