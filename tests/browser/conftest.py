from tests.surveys.conftest import coordinator, make_code, make_survey, survey, survey_index  # noqa: F401
