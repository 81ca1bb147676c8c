"""The glance at the top of the officials' dashboard: headline figures with the change since the previous round,
trends by question code, small multiples by kecamatan and number questions, all hiding groups under k."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.models import Region
from cms.roles import Role
from surveys.models import Answer, Response
from surveys.results import dashboard
from surveys.results.models import ChildPopulation
from surveys.results.suppression import CountTable, rounded, suppress


def opening(year: int):
    return timezone.make_aware(datetime.datetime(year, 3, 1))


def answer_spread(answer_survey, survey, groups, **fields):
    """``groups`` maps (safe_school, bullied) answers to how many children gave them."""
    for (safe, bullied), n in groups.items():
        answer_survey(survey, n, {"safe_school": safe, "bullied": bullied}, **fields)


NOT_SAYING = "prefer_not_to_say"


@pytest.fixture
def two_rounds(make_survey, answer_survey, regions):
    first = make_survey(title="Putaran 2025", slug="putaran-2025", opens_at=opening(2025))
    second = make_survey(title="Putaran 2026", slug="putaran-2026", opens_at=opening(2026))
    answer_spread(
        answer_survey,
        first,
        {("4", "no"): 15, ("3", "no"): 5, ("2", "yes"): 5, ("1", "yes"): 5, (NOT_SAYING, NOT_SAYING): 5},
    )
    answer_spread(
        answer_survey,
        second,
        {("3", "no"): 20, ("4", "no"): 10, ("2", "yes"): 5, ("1", "yes"): 5, (NOT_SAYING, NOT_SAYING): 5},
    )
    kelurahan = list(Region.objects.kelurahan().order_by("code")[:2])
    ChildPopulation.objects.create(kelurahan=kelurahan[0], year=2025, children=600)
    ChildPopulation.objects.create(kelurahan=kelurahan[1], year=2025, children=400)
    return first, second


def by_key(found):
    return {headline.key: headline for headline in found}


def test_headlines_show_each_figure_with_its_change_since_the_previous_round(two_rounds):
    first, second = two_rounds
    shown = by_key(dashboard.headlines(second))
    assert (shown["anak"].value, shown["anak"].change, shown["anak"].previous) == (45, 10, "Putaran 2025")
    assert (shown["partisipasi"].value, shown["partisipasi"].change) == (4.5, 1.0)
    assert (shown["aman"].value, shown["aman"].change) == (66.7, 9.6)
    assert (shown["dirundung"].value, shown["dirundung"].change) == (22.2, -6.4)
    assert shown["dirundung"].is_down and shown["aman"].is_up


def test_the_first_round_has_figures_but_no_change(two_rounds):
    first, _second = two_rounds
    shown = by_key(dashboard.headlines(first))
    assert shown["aman"].value == 57.1
    assert all(headline.change is None and headline.previous == "" for headline in shown.values())


def test_a_share_standing_for_fewer_than_k_children_is_not_shown(make_survey, answer_survey, regions):
    survey = make_survey()
    answer_survey(survey, 30, {"safe_school": "4", "bullied": "no"})
    answer_survey(survey, 3, {"safe_school": "4", "bullied": "yes"})
    shown = by_key(dashboard.headlines(survey))
    assert shown["dirundung"].value is None and shown["dirundung"].shown in ("kelompok kecil", "disembunyikan")
    assert shown["aman"].value is None, "all but fewer than k feel safe: the few who do not would show"
    assert "3" not in {headline.shown for headline in shown.values()}


def test_a_share_the_display_does_not_give_away_is_withheld():
    table = suppress(
        CountTable.from_counts(
            [{"choice": "a", "n": 2}, {"choice": "b", "n": 30}, {"choice": "c", "n": 3}, {"choice": "d", "n": 40}],
            columns=("a", "b", "c", "d"),
            row_field=None,
        ),
        5,
    )
    assert dashboard.share_of_row(table, 0, {"a", "b"}).reason == "disembunyikan"
    assert dashboard.share_of_row(table, 0, {"b", "d"}).reason == "kelompok kecil", (
        "the rest is two numbers under 5: shown rounded numbers cannot tell whether it holds 5 children or fewer"
    )
    shown = dashboard.share_of_row(table, 0, {"d"})
    assert (shown.chosen, shown.answered) == (rounded(40, 5), rounded(75, 5)), "b is a shown number of the rest"


def test_a_share_worked_out_from_the_display_is_still_hidden_under_k():
    counts = [{"choice": "a", "n": 2}, {"choice": "b", "n": 30}, {"choice": "c", "n": 3}, {"choice": "d", "n": 40}]
    table = suppress(CountTable.from_counts(counts, columns=("a", "b", "c", "d"), row_field=None), 6)
    assert dashboard.share_of_row(table, 0, {"a", "c"}) == dashboard.Share(None, rounded(75, 6), "kelompok kecil")
    assert dashboard.share_of_row(table, 0, {"b", "d"}).reason == "kelompok kecil", "the other 5 would show"


def test_small_multiples_hide_a_kecamatan_with_too_few_children(make_survey, answer_survey, regions):
    survey = make_survey()
    big, small, *others = list(Region.objects.kecamatan().order_by("code"))
    for kecamatan, times in [(big, 2), *((other, 1) for other in others)]:
        answer_spread(
            answer_survey,
            survey,
            {
                ("4", "no"): 15 * times,
                ("3", "no"): 7 * times,
                ("2", "yes"): 6,
                ("1", "yes"): 8,
                (NOT_SAYING, NOT_SAYING): 9,
            },
            kecamatan=kecamatan,
        )
    answer_survey(survey, 3, {"safe_school": "4", "bullied": "yes"}, kecamatan=small)
    areas = {area.code: dict((m.key, share) for m, share in area.shares) for area in dashboard.shares_by(survey)}
    k = survey.min_group_size
    safe, answered = rounded(30, k) + rounded(14, k), rounded(67, k)
    assert areas[big.code]["aman"].percent == round(100 * safe / answered, 1), "44 of 67 children, as shown"
    assert areas[small.code]["aman"].percent is None and areas[small.code]["dirundung"].percent is None
    assert set(areas) == set(Region.objects.kecamatan().values_list("code", flat=True))


def answer_numbers(survey, values):
    from surveys.services import record_version

    version = record_version(survey)
    for value in values:
        response = Response.objects.create(
            survey=survey, version=version, submitted_on=datetime.date(2026, 8, 10), submission_token=uuid.uuid4()
        )
        Answer.objects.create(response=response, question_code="friends", number_value=value)


def test_number_questions_get_median_and_quartiles(survey):
    answer_numbers(survey, [9, 1, 8, 2, 7, 3, 6, 4, 5])
    (summary,) = dashboard.number_summaries(survey)
    shown = (summary.answered.value, summary.lower_quartile, summary.median, summary.upper_quartile)
    assert shown == (rounded(9, survey.min_group_size), 3, 5, 7)


def test_a_median_of_fewer_than_k_children_is_withheld(survey):
    answer_numbers(survey, [1, 2, 3, 4])
    (summary,) = dashboard.number_summaries(survey)
    assert summary.answered.label == "< 5" and summary.median is None and not summary.is_shown


def test_trends_run_oldest_first_through_rounds_with_the_same_code(two_rounds):
    first, second = two_rounds
    (aman, dirundung) = dashboard.trends(dashboard.rounds())
    assert [label for label, _share in aman.points] == ["Putaran 2025", "Putaran 2026"]
    assert [share.percent for _label, share in dirundung.points] == [28.6, 22.2]
    assert ("safe_school", "Seberapa sering kamu merasa aman di sekolah?") in dashboard.shared_codes(dashboard.rounds())


@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.FACILITATOR])
@pytest.mark.parametrize("name", ["results:official", "results:report"])
def test_every_results_page_for_readers_carries_the_glance(client, make_user, two_rounds, role, name):
    _first, second = two_rounds
    client.force_login(make_user(role))
    response = client.get(reverse(name), {"survei": second.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="sekilas-aman"' in html and "66,7 %" in html
    assert "9,6 poin sejak Putaran 2025" in html
    assert "Per kecamatan" in html


def test_the_trend_chart_reads_rounds_oldest_first(client, make_user, two_rounds):
    client.force_login(make_user(Role.OFFICIAL))
    response = client.get(reverse("results:official"), {"tren": "safe_school"})
    assert response.context["trend"].table.row_labels == ("Putaran 2025", "Putaran 2026")
