import io
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.db.models import Count

from surveys.models import Answer, Audience, Response, SurveyPage

pytestmark = pytest.mark.django_db


def test_seed_demo_publishes_the_open_children_survey_with_2000_responses_once(client):
    call_command("seed_demo", stdout=io.StringIO())
    survey = SurveyPage.objects.get(title="Survei Keamanan dan Perundungan 2026")
    assert survey.live and survey.is_open() and survey.audience == Audience.CHILDREN
    assert survey.url == "/survei/keamanan-perundungan-2026/"
    count = Response.objects.filter(survey=survey).count()
    assert count >= 2_000
    answers = Answer.objects.count()
    total = Response.objects.count()

    call_command("seed_demo", stdout=io.StringIO())
    assert Response.objects.filter(survey=survey).count() == count
    assert Response.objects.count() == total
    assert Answer.objects.count() == answers

    listing = client.get("/survei/").content.decode()
    assert "Survei Keamanan dan Perundungan 2026" in listing
    assert "Kuesioner Sekolah" not in listing, "the school questionnaire is not listed for children"
    assert client.get("/en/survei/keamanan-perundungan-2026/").status_code == HTTPStatus.OK


def test_demo_responses_are_spread_over_schools_kecamatan_ages_and_sexes(db):
    call_command("seed_demo", stdout=io.StringIO())
    responses = Response.objects.all()
    assert responses.values("school").distinct().count() >= 20
    assert responses.exclude(kecamatan=None).values("kecamatan").distinct().count() == 6
    assert {"0-9", "10-12", "13-15", "16-17"} <= set(responses.values_list("age_band", flat=True))
    sexes = dict(responses.values_list("sex").annotate(n=Count("id")))
    assert sexes["female"] > 500 and sexes["male"] > 500
    bullied = Answer.objects.filter(question_code="bullied_30d").exclude(choice_code="never").count()
    assert 0.2 < bullied / responses.count() < 0.6
    assert not Answer.objects.filter(
        question_code="bullied_verbal",
        response__answers__question_code="bullied_30d",
        response__answers__choice_code="never",
    ).exists(), "skip logic holds in the demo data"


def test_seed_demo_creates_the_school_questionnaire_answered_by_most_schools(db):
    from cms.models import School
    from surveys.models import SchoolSubmission

    call_command("seed_demo", stdout=io.StringIO())
    school_survey = SurveyPage.objects.get(audience=Audience.SCHOOLS, locale__language_code="id")
    assert school_survey.live
    assert {"sra_policy", "tppk_exists", "complaint_channels", "smoke_free_signs"} <= {
        q.code for q in school_survey.get_definition().questions()
    }
    answered = SchoolSubmission.objects.filter(survey=school_survey).count()
    assert School.objects.count() / 2 < answered < School.objects.count(), "most, not all, schools answered"
    call_command("seed_demo", stdout=io.StringIO())
    assert SchoolSubmission.objects.filter(survey=school_survey).count() == answered


def test_seed_demo_prints_a_class_code_per_demo_school_when_debug_is_on(db, settings):
    from cms.models import School
    from surveys.models import ClassCode, SafeguardingFlag

    settings.DEBUG = True
    first, second = io.StringIO(), io.StringIO()
    call_command("seed_demo", stdout=first)
    call_command("seed_demo", stdout=second)
    codes = ClassCode.objects.all()
    assert codes.count() == School.objects.count()
    for code in codes:
        assert code.code in first.getvalue() and code.code in second.getvalue()
    assert 1 <= SafeguardingFlag.objects.count() <= 5, "a few items wait in the safeguarding queue"
