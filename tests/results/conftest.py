"""The results' tests use the survey fixtures of tests/surveys (a survey, its answers, the people reading them)."""

from tests.surveys.conftest import (  # noqa: F401
    answer_survey,
    builtin_indicators,
    coordinator,
    facilitator,
    make_code,
    make_survey,
    official,
    other_school,
    survey,
    survey_index,
)
