"""The surveys' and forum's page fixtures, shared with the browser tests that walk those pages."""

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
