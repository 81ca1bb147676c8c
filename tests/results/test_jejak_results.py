"""The share of children who felt heard (Formula.FELT_HEARD): counted per period and area, suppressed under k."""

import datetime

import pytest

from cms.models import Region
from cms.vocabulary import DEFAULT_K, FeltHeard, HeardReason
from forum.models import ConsultationTarget, HeardAnswer
from surveys.results.indicators import FORMULAS, Period, indicator_table
from surveys.results.models import Formula
from surveys.results.suppression import rounded
from tests.forum.conftest import consultation_index, make_consultation  # noqa: F401

PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
IN_PERIOD = datetime.date(2026, 6, 1)


def answers(consultation, *, yes=0, partly=0, no=0, on=IN_PERIOD) -> None:
    for felt, n in ((FeltHeard.YES, yes), (FeltHeard.PARTLY, partly), (FeltHeard.NO, no)):
        HeardAnswer.objects.bulk_create(
            HeardAnswer(consultation=consultation, felt_heard=felt, why=HeardReason.ANSWER_CLEAR, answered_on=on)
            for _ in range(n)
        )


def felt_heard(area=None):
    return FORMULAS[Formula.FELT_HEARD](PERIOD, area)


@pytest.fixture
def kecamatan(regions):
    return tuple(Region.objects.kecamatan().order_by("code")[:2])


def test_the_share_who_felt_heard_counts_yes_over_everyone_who_answered(make_consultation, db):  # noqa: F811
    answers(make_consultation(), yes=12, partly=6, no=7)
    figure = felt_heard()
    assert figure.numerator.value == rounded(12, DEFAULT_K)
    assert figure.denominator == rounded(25, DEFAULT_K)
    assert figure.rate == round(100 * rounded(12, DEFAULT_K) / rounded(25, DEFAULT_K), 1)
    assert "Sebagian" in figure.method


def test_fewer_than_k_answers_show_no_number_at_all(make_consultation, db):  # noqa: F811
    answers(make_consultation(), yes=2, no=1)
    figure = felt_heard()
    assert figure.numerator.value is None and figure.denominator is None and figure.rate is None


def test_few_who_felt_heard_are_hidden(make_consultation, db):  # noqa: F811
    answers(make_consultation(), yes=3, partly=6, no=7)
    figure = felt_heard()
    assert figure.numerator.value is None and figure.rate is None


def test_yes_is_hidden_when_it_would_reveal_the_few_who_did_not_feel_heard(make_consultation, db):  # noqa: F811
    """12 yes of 15: showing both would tell that 3 children did not feel heard."""
    answers(make_consultation(), yes=12, no=3)
    figure = felt_heard()
    assert figure.numerator.value is None or figure.denominator is None


def test_answers_outside_the_period_are_not_counted(make_consultation, db):  # noqa: F811
    page = make_consultation()
    answers(page, yes=10, no=10)
    answers(page, yes=30, on=datetime.date(2025, 12, 31))
    assert felt_heard().numerator.value == rounded(10, DEFAULT_K)


def test_a_kecamatan_counts_its_own_consultations_and_the_city_counts_all(make_consultation, kecamatan):  # noqa: F811
    first, second = kecamatan
    aimed = make_consultation("kec", target=ConsultationTarget.KECAMATAN, target_kecamatan=first)
    city_wide = make_consultation("kota")
    answers(aimed, yes=10, no=5)
    answers(city_wide, yes=20, no=5)
    assert felt_heard(first).numerator.value == rounded(10, DEFAULT_K)
    assert felt_heard(second).denominator is None
    assert felt_heard().numerator.value == rounded(30, DEFAULT_K)


def test_the_figure_is_in_the_indicator_table(make_consultation, builtin_indicators):  # noqa: F811
    answers(make_consultation(), yes=10, no=10)
    rows = {row.indicator.formula: row for row in indicator_table(PERIOD)}
    assert rows[Formula.FELT_HEARD].figure.numerator.value == rounded(10, DEFAULT_K)
