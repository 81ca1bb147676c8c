from tests.surveys.conftest import make_survey, survey, survey_index  # noqa: F401
