"""A response's kecamatan has one meaning (its own, else its school's): filters, breakdowns, the rollup and the
participation indicator count the same children for the same kecamatan."""

import datetime
from dataclasses import replace

import pytest

from cms.models import Region
from surveys.results import rollup
from surveys.results.counting import PART_KEY, ResultFilter, question_tables, respondents
from surveys.results.indicators import Period, responses_in
from surveys.results.suppression import rounded


@pytest.fixture
def places(survey, answer_survey, school):
    """Responses placed every way a response can be: by its own kecamatan, by its school's only, by its own against
    its school's, by nothing. Returns the kecamatan each group of responses belongs to."""
    home = school.kelurahan.parent
    away = Region.objects.kecamatan().exclude(pk=home.pk).order_by("code").first()
    answer_survey(survey, 6, {"bullied": "no"}, kecamatan=home)
    answer_survey(survey, 7, {"bullied": "yes"}, school=school)
    answer_survey(survey, 5, {"bullied": "no"}, kecamatan=away, school=school)
    answer_survey(survey, 8, {"bullied": "yes"})
    return {home.code: 6 + 7, away.code: 5}


def bullied(survey):
    return [survey.get_definition().question("bullied")]


def filtered_count(survey, counted: ResultFilter, code: str) -> int:
    view = question_tables(survey, bullied(survey), where=replace(counted, kecamatan=code))["bullied"].view
    return view.row_totals[view.rows.index(PART_KEY)]


@pytest.fixture(params=["live", "rolled up"])
def counted(request, survey):
    """The filter every count below adds to: dates that are not whole months, which are counted live from the
    responses, or none, which is read from the rollup (folded here from every response)."""
    if request.param == "live":
        return ResultFilter(start=datetime.date(2026, 1, 2))  # every response is of August 2026
    rollup.refresh(survey)
    return ResultFilter()


def test_every_kecamatan_counts_the_same_children_filtered_and_broken_down(survey, places, counted):
    breakdown = question_tables(survey, bullied(survey), where=counted, by="kecamatan")["bullied"].view
    for code in Region.objects.kecamatan().values_list("code", flat=True):
        by_row = breakdown.row_totals[breakdown.rows.index(code)]
        assert by_row == filtered_count(survey, counted, code) == places.get(code, 0), code


def test_a_responses_own_kecamatan_wins_over_its_schools(survey, places, school, counted):
    home = school.kelurahan.parent.code
    assert filtered_count(survey, counted, home) == 13, "the five whose own kecamatan is elsewhere are not counted"
    shown = respondents(survey, replace(counted, kecamatan=home)).row_totals[0].value
    assert shown == rounded(13, survey.min_group_size), "13 children, shown rounded"


def test_the_participation_indicator_places_responses_as_the_dashboards_do(survey, places):
    for code, expected in places.items():
        area = Region.objects.get(code=code)
        assert responses_in(Period.year(2026), area).filter(survey=survey).count() == expected
