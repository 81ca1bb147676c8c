"""The results' tests use the survey fixtures of tests/surveys (a survey, its answers, the people reading them)."""

import pytest

from cms.models import Region, School, SchoolLevel, SchoolStatus
from surveys.models import Audience
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


@pytest.fixture
def places(regions):
    """Three schools: two in one kecamatan (different kelurahan, different levels), one in another."""
    first, second = Region.objects.kecamatan().order_by("code")[:2]
    kelurahan = list(Region.objects.kelurahan().filter(parent=first).order_by("code")[:2])
    elsewhere = Region.objects.kelurahan().filter(parent=second).order_by("code").first()
    schools = [
        School.objects.create(name=name, level=level, status=SchoolStatus.PUBLIC, kelurahan=where)
        for name, level, where in (
            ("SD Satu", SchoolLevel.SD, kelurahan[0]),
            ("SMP Dua", SchoolLevel.SMP, kelurahan[1]),
            ("SD Tiga", SchoolLevel.SD, elsewhere),
        )
    ]
    return {"kecamatan": [first.code, second.code], "schools": schools}


@pytest.fixture
def surveys(make_survey):  # noqa: F811 - the fixture imported above
    children = make_survey()
    children.published_results = ["safe_school", "bullied", "bullied_where", "told_someone"]
    children.save_revision().publish()
    children.refresh_from_db()
    schools = make_survey(title="Kuesioner Sekolah", slug="kuesioner-sekolah", audience=Audience.SCHOOLS)
    return {Audience.CHILDREN: children, Audience.SCHOOLS: schools}


@pytest.fixture
def pdf_of(job_queue, settings, tmp_path):
    """The evidence pack's PDF as a reader gets it: the request queues a job and sends them to its progress page;
    a worker draws the file; its owner takes it from the download's link. Returns the file's response and bytes."""
    from django.urls import reverse

    settings.DOWNLOADS_ROOT = tmp_path

    def fetch(client, url: str, params: dict):
        asked = client.get(url, params)
        assert asked.status_code == 302, asked.status_code
        job_queue.run()
        progress = client.get(asked["Location"])
        download_id = progress.context["download"].pk
        assert progress.context["download"].is_ready, progress.context["download"].error
        result = client.get(reverse("surveys:download_result", args=[download_id]))
        assert result.status_code == 200
        return result, b"".join(result.streaming_content)

    return fetch
