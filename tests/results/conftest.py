"""The results' tests use the survey fixtures of tests/surveys (a survey, its answers, the people reading them)."""

import pytest

from tests.cms.conftest import sections  # noqa: F401
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

ENGLISH_WORDS = {
    "safe_school": "How often do you feel safe at school?",
    "bullied": "Were you bullied this month?",
    "bullied_where": "Where?",
    "told_someone": "Did you tell someone?",
    "classroom": "In class",
    "online": "Online",
}


@pytest.fixture
def published_results(request, regions):
    """The test survey answered in four kecamatan (one of them too small to show), its choice questions published,
    and an English translation whose questions and choices are worded in English."""
    import copy

    from wagtail.models import Locale

    from cms.models import Region
    from surveys.blocks import definition_value
    from tests.surveys.conftest import DEFINITION

    page = request.getfixturevalue("survey")
    answer = request.getfixturevalue("answer_survey")
    kecamatan = list(Region.objects.kecamatan().order_by("code"))
    answer(page, 12, {"safe_school": "4", "bullied": "no"}, kecamatan=kecamatan[0])
    answer(
        page,
        9,
        {"safe_school": "2", "bullied": "yes", "bullied_where": ["classroom", "online"]},
        kecamatan=kecamatan[1],
    )
    answer(page, 7, {"safe_school": "3", "bullied": "yes", "bullied_where": ["online"]}, kecamatan=kecamatan[2])
    answer(page, 2, {"safe_school": "1", "bullied": "prefer_not_to_say"}, kecamatan=kecamatan[3])
    page.published_results = ["safe_school", "bullied", "bullied_where"]
    page.save_revision().publish()
    english = copy.deepcopy(DEFINITION)
    for section in english:
        for question in section["value"]["questions"]:
            question["label"] = ENGLISH_WORDS.get(question["code"], question["label"])
            for choice in question["choices"]:
                choice["label"] = ENGLISH_WORDS[choice["code"]]
    translation = page.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    translation.title = "Safety survey"
    translation.definition = definition_value(english)
    translation.save_revision().publish()
    return page
