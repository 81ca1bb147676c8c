"""Counting answers in the database: known counts, filters kept jointly with the rest, nothing loaded per row."""

import pytest

from cms.models import Region, School, SchoolLevel, SchoolStatus
from surveys.definition import Definition
from surveys.results import rollup
from surveys.results.counting import PART_KEY, REST_KEY, ResultFilter, question_results, question_tables, respondents
from surveys.results.suppression import ALL_KEY, rounded


def questions(survey, *codes):
    definition: Definition = survey.get_definition()
    return [definition.question(code) for code in codes]


@pytest.fixture
def two_kecamatan(regions):
    return list(Region.objects.kecamatan().order_by("code")[:2])


def test_counts_per_choice_come_from_the_answers(survey, answer_survey):
    answer_survey(survey, 7, {"bullied": "no", "safe_school": "4"})
    answer_survey(survey, 6, {"bullied": "yes", "safe_school": "1", "bullied_where": ["classroom", "online"]})
    tables = question_tables(survey, questions(survey, "bullied", "bullied_where", "safe_school"))
    bullied = tables["bullied"].view
    assert bullied.rows == (ALL_KEY,)
    assert dict(zip(bullied.columns, bullied.cells[0], strict=True)) == {"yes": 6, "no": 7, "prefer_not_to_say": 0}
    assert bullied.grand_total == 13
    where = tables["bullied_where"].view
    assert not where.is_additive
    assert where.row_totals == (6,)
    assert dict(zip(where.columns, where.cells[0], strict=True))["online"] == 6


def test_text_and_number_questions_are_never_counted(survey, answer_survey):
    answer_survey(survey, 6, {"bullied": "no", "wish": "nama saya Budi"})
    tables = question_tables(survey, questions(survey, "bullied", "friends", "wish"))
    assert set(tables) == {"bullied"}


def test_one_survey_is_counted_in_two_group_by_queries(survey, answer_survey, django_assert_max_num_queries):
    """A survey's tables come from its rollup in a fixed number of queries, never one per question: whether a batch
    waits (two), the transaction with its settings and the share-locked watermark (five on PostgreSQL), and four
    sums (the survey's and the view's, per choice and per multiple-choice question)."""
    answer_survey(survey, 30, {"bullied": "no", "safe_school": "3"})
    qs = questions(survey, "bullied", "safe_school", "bullied_where", "told_someone")
    rollup.publish(survey)
    with django_assert_max_num_queries(11):
        question_tables(survey, qs, where=ResultFilter(sex="female"))


def test_a_filter_becomes_the_filtered_respondents_beside_the_rest(survey, answer_survey, two_kecamatan):
    first, second = two_kecamatan
    answer_survey(survey, 20, {"bullied": "no"}, kecamatan=first, sex="female")
    answer_survey(survey, 10, {"bullied": "yes"}, kecamatan=second, sex="male")
    [result] = question_results(survey, questions(survey, "bullied"), where=ResultFilter(kecamatan=first.code))
    assert result.view.rows == (PART_KEY, REST_KEY)
    yes = result.view.columns.index("yes")
    assert result.view.cells[0][yes].label == "< 5"
    assert result.view.cells[1][yes].is_suppressed, "the city's 10 minus the rest's would give the hidden 0"
    assert [cell.label for cell in result.view.column_totals] == [cell.label for cell in result.whole.cells[0]]


def test_filters_cannot_be_subtracted_to_reveal_a_small_group(survey, answer_survey, two_kecamatan):
    """City: 12 said yes. Kecamatan A: 10 said yes. Showing both would give 2 for the rest of the city."""
    first, second = two_kecamatan
    answer_survey(survey, 10, {"bullied": "yes"}, kecamatan=first)
    answer_survey(survey, 15, {"bullied": "no"}, kecamatan=first)
    answer_survey(survey, 2, {"bullied": "yes"}, kecamatan=second)
    answer_survey(survey, 20, {"bullied": "no"}, kecamatan=second)
    answer_survey(survey, 6, {"bullied": "prefer_not_to_say"}, kecamatan=second)
    [unfiltered] = question_results(survey, questions(survey, "bullied"))
    [filtered] = question_results(survey, questions(survey, "bullied"), where=ResultFilter(kecamatan=first.code))
    yes = unfiltered.view.columns.index("yes")
    city_yes = unfiltered.view.cells[0][yes]
    assert city_yes.value == rounded(12, 5), "the unfiltered page shows the city's 12, rounded"
    part_yes, rest_yes = filtered.view.cells[0][yes], filtered.view.cells[1][yes]
    assert rest_yes.label == "< 5"
    assert part_yes.is_suppressed, "10 beside the city's 12 would reveal the 2 of the other kecamatan"
    assert filtered.view.column_totals[yes].value == city_yes.value, "both pages show the same city total"
    part_total, rest_total = filtered.view.row_totals
    shown = [cell.value for cell in (*filtered.view.cells[0], *filtered.view.cells[1], part_total, rest_total)]
    assert 2 not in shown


def test_a_breakdown_adds_up_to_the_unfiltered_city(survey, answer_survey, two_kecamatan):
    first, second = two_kecamatan
    answer_survey(survey, 12, {"bullied": "no"}, kecamatan=first)
    answer_survey(survey, 9, {"bullied": "yes"}, kecamatan=second)
    answer_survey(survey, 6, {"bullied": "yes"})
    tables = question_tables(survey, questions(survey, "bullied"), by="kecamatan")
    view = tables["bullied"].view
    assert view.column_totals == tables["bullied"].whole.cells[0]
    assert view.cells[view.rows.index("")][view.columns.index("yes")] == 6, "children who did not say form a row"


def test_a_filter_by_kelurahan_reaches_responses_through_the_school(survey, answer_survey, regions):
    kelurahan = Region.objects.kelurahan().first()
    school = School.objects.create(
        name="SMP Satu", level=SchoolLevel.SMP, status=SchoolStatus.PUBLIC, kelurahan=kelurahan
    )
    answer_survey(survey, 8, {"bullied": "no"}, school=school)
    answer_survey(survey, 9, {"bullied": "no"})
    tables = question_tables(survey, questions(survey, "bullied"), where=ResultFilter(kelurahan=kelurahan.code))
    assert tables["bullied"].view.row_totals == (8, 9)


def test_respondent_counts_are_suppressed_with_the_rest(survey, answer_survey):
    answer_survey(survey, 3, {"bullied": "no"}, sex="female")
    answer_survey(survey, 20, {"bullied": "no"}, sex="male")
    table = respondents(survey, ResultFilter(sex="female"))
    assert table.row_totals[0].label == "< 5"
    assert table.grand_total.value == rounded(23, 5)
    assert table.row_totals[1].is_suppressed
