"""Disclosure control that holds against many queries (issue #16, point 2).

An attacker here may ask for every filter of the results form, combined as she likes (dates included), subtract
any views from one another, and read every page before and after a child submits. She knows the method as the
methods note states it: a count under k reads "< k"; every other count is rounded to a multiple of the base, by at
most :func:`~surveys.results.suppression.largest_move`. She wins when she pins a group of fewer than k children,
that is when everything shown leaves exactly one possible count for it.

The oracle is the generated data; the displays are read through the same functions the pages render
(``question_results`` and ``respondents`` with the form's own filter), and the before-and-after attack reads the
pages and files themselves.
"""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from cms.roles import Role
from cms.vocabulary import AgeBand, SchoolLevel, Sex
from surveys.models import Audience, Response
from surveys.results import rollup
from surveys.results.counting import PART_KEY, question_results, respondents
from surveys.results.forms import ResultFilterForm
from surveys.results.suppression import largest_move, rounded, rounding_base
from tests.results.test_one_count import PROFILES, Sent, read_page, store

YEAR = datetime.date.today().year
MONTHS = (3, 4, 5)
#: The form's filters, and how the attacker splits respondents by each: every value the form offers.
FILTERS = ("dari", "sampai", "kecamatan", "kelurahan", "sekolah", "jenjang", "umur", "jk")
QUESTIONS = ("safe_school", "bullied", "bullied_where")
RESPONDENTS = ("respondents", "")


# Displays as numbers ---------------------------------------------------------------------------------------------


def shown_numbers(survey, params: dict) -> dict[tuple[str, str], int | str]:
    """Every number one filtered view shows, by (question, choice): each choice's count, ``(question, "")`` the
    children who answered it, and the respondents; an int where a number is shown, else its label."""
    form = ResultFilterForm(data={"survei": survey.pk, **params})
    assert form.is_valid(), form.errors
    where = form.result_filter()
    questions = [survey.get_definition().question(code) for code in QUESTIONS]
    found: dict[tuple[str, str], int | str] = {}
    for result in question_results(survey, questions, where=where):
        table = result.view if not where.is_empty() else result.whole
        row = table.row(PART_KEY) if not where.is_empty() else table.body[0]
        for choice, cell in zip(table.columns, row.cells, strict=True):
            found[(result.question.code, choice)] = cell.value if cell.value is not None else cell.label
        found[(result.question.code, "")] = row.total.value if row.total.value is not None else row.total.label
    table = respondents(survey, where)
    row = table.row(PART_KEY) if not where.is_empty() else table.body[0]
    found[RESPONDENTS] = row.total.value if row.total.value is not None else row.total.label
    return found


def true_numbers(sent: list[Sent], keeps) -> dict[tuple[str, str], int]:
    """The same numbers counted from the generated submissions the filter ``keeps``."""
    counts: dict[tuple[str, str], int] = {}
    for item in sent:
        if not keeps(item) or not item.answers:
            continue
        counts[RESPONDENTS] = counts.get(RESPONDENTS, 0) + 1
        for code in QUESTIONS:
            if code in item.answers:
                counts[(code, "")] = counts.get((code, ""), 0) + 1
                for choice in item.answers[code]:
                    counts[(code, choice)] = counts.get((code, choice), 0) + 1
    return counts


# The dimensions the form filters by ------------------------------------------------------------------------------


def dimensions(places) -> dict[str, list[tuple[dict, object]]]:
    """Each way of splitting respondents the form offers: its values as (GET parameters, test on a submission)."""
    form = ResultFilterForm()
    schools = places["schools"]

    def month(number: int) -> dict:
        return {"dari": f"{YEAR}-{number:02d}", "sampai": f"{YEAR}-{number:02d}"}

    return {
        "bulan": [(month(m), lambda item, m=m: item.day.month == m) for m in MONTHS],
        "kecamatan": [
            ({"kecamatan": code}, lambda item, code=code: item.area == code)
            for code, _label in form.fields["kecamatan"].choices
            if code
        ],
        "kelurahan": [
            ({"kelurahan": code}, lambda item, code=code: item.kelurahan == code)
            for code, _label in form.fields["kelurahan"].choices
            if code
        ],
        "sekolah": [({"sekolah": school.pk}, lambda item, pk=school.pk: item.school.pk == pk) for school in schools],
        "jenjang": [
            ({"jenjang": level}, lambda item, level=level: item.school_level == level) for level in SchoolLevel.values
        ],
        "umur": [({"umur": band}, lambda item, band=band: item.age_band == band) for band in AgeBand.values],
        "jk": [({"jk": sex}, lambda item, sex=sex: item.sex == sex) for sex in Sex.values],
    }


def test_the_attacker_knows_every_filter_of_the_form():
    """A filter added to the form without being added here would go unattacked: the class, not the instance."""
    assert set(ResultFilterForm.base_fields) - {"survei", "rinci"} == set(FILTERS)


# The arithmetic the attacker may do --------------------------------------------------------------------------------


def possible(difference: int, terms: int, k: int) -> range:
    """The counts under k a sum or difference of ``terms`` shown numbers leaves possible."""
    reach = largest_move(k)
    return range(max(0, difference - terms * reach), min(k - 1, difference + terms * reach) + 1)


@pytest.mark.parametrize("k", range(3, 31))
def test_no_sum_or_difference_of_two_or_three_shown_numbers_pins_a_count_under_k(k):
    """Every k a survey may set: whatever multiples of the base two or three shown numbers add up to, the counts
    under k they leave possible are never exactly one (the attacker's best case: every number moved the most)."""
    base = rounding_base(k)
    for terms in (2, 3):
        for difference in range(-4 * base, 8 * base, base):
            left = possible(difference, terms, k)
            assert len(left) != 1, (k, terms, difference, list(left))


@pytest.mark.parametrize("k", [3, 4, 5, 7, 10])
def test_rounding_keeps_its_promises(k):
    """Every count of at least k rounds to a multiple of the base, at least the base, never further than the
    largest move, both ways for some counts; the same count always rounds the same way."""
    base, reach = rounding_base(k), largest_move(k)
    shown = {value: rounded(value, k) for value in range(k, 40 * base)}
    assert all(n % base == 0 and n >= base and abs(n - value) <= reach for value, n in shown.items())
    assert any(n > value for value, n in shown.items()) and any(n < value for value, n in shown.items())
    assert all(rounded(value, k) == n for value, n in shown.items())


# The attack over many views ----------------------------------------------------------------------------------------


@st.composite
def children(draw, places) -> list[Sent]:
    """Small groups of children, each one place, age band, sex, month and answers: many groups under k."""
    sent = []
    for _group in range(draw(st.integers(4, 14))):
        school = draw(st.sampled_from(places["schools"]))
        item = dict(
            audience=Audience.CHILDREN,
            school=school,
            kecamatan=draw(st.sampled_from(["", school.kelurahan.parent.code])),
            age_band=draw(st.sampled_from(AgeBand.values)),
            sex=draw(st.sampled_from(Sex.values)),
            day=datetime.date(YEAR, draw(st.sampled_from(MONTHS)), draw(st.integers(1, 28))),
            answers=draw(st.sampled_from(PROFILES[3:])),
        )
        sent += [Sent(**item) for _child in range(draw(st.integers(1, 9)))]
    return sent


def attack(survey, sent: list[Sent], base: dict, keeps_base, split: list[tuple[dict, object]], k: int) -> int:
    """Subtract from one view each of its parts but one, and each part alone, and read what is left.

    Returns how many small groups the attacker tried. Fails when one is pinned (two or three numbers), or when
    any subtraction lands exactly on a small count (any number of numbers).
    """
    parent = shown_numbers(survey, base)
    parent_true = true_numbers(sent, keeps_base)
    parts = []
    for params, keeps in split:
        parts.append(
            (
                shown_numbers(survey, base | params),
                true_numbers(sent, lambda item, keeps=keeps: keeps_base(item) and keeps(item)),
            )
        )
    tried = 0
    for key in parent:
        whole = parent[key]
        if not isinstance(whole, int):
            continue
        for target, (_shown, truth) in enumerate(parts):
            others = [numbers for position, (numbers, _truth) in enumerate(parts) if position != target]
            small = truth.get(key, 0)
            if small < k and all(isinstance(numbers[key], int) for numbers in others):
                tried += 1
                difference = whole - sum(numbers[key] for numbers in others)
                terms = 1 + len(others)
                assert not (small > 0 and difference == small), f"{base} {key}: parent minus the other parts"
                assert small in possible(difference, terms, k), "the rounding moved a number further than stated"
                if terms <= 3:
                    assert len(possible(difference, terms, k)) > 1, f"{base} {key}: pinned by {terms} numbers"
            # The parent minus this one part: the rest of the parent, also a group.
            rest = parent_true.get(key, 0) - small
            shown_part = parts[target][0][key]
            if rest < k and isinstance(shown_part, int):
                tried += 1
                difference = whole - shown_part
                assert not (rest > 0 and difference == rest), f"{base} {key}: parent minus one part"
                assert rest in possible(difference, 2, k)
                assert len(possible(difference, 2, k)) > 1, f"{base} {key}: pinned by two numbers"
    return tried


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_subtracting_any_filtered_views_pins_no_group_under_k(data, places, surveys):
    survey = surveys[Audience.CHILDREN]
    k = survey.min_group_size
    splits = dimensions(places)
    sent = data.draw(children(places), label="children")
    fixed = data.draw(st.lists(st.sampled_from(sorted(splits)), max_size=2, unique=True), label="filters")
    base, tests = {}, []
    for name in fixed:
        params, keeps = data.draw(st.sampled_from(splits[name]), label=name)
        base |= params
        tests.append(keeps)
    split = data.draw(st.sampled_from([name for name in sorted(splits) if name not in fixed]), label="split by")
    with transaction.atomic():
        cache.clear()
        store(surveys, sent)
        tried = attack(survey, sent, base, lambda item: all(keeps(item) for keeps in tests), splits[split], k)
        transaction.set_rollback(True)
    event(f"small groups tried: {min(tried, 10)}{'+' if tried >= 10 else ''}")


def test_the_issue_attack_kecamatan_and_age_band_minus_each_sex(places, surveys):
    """The reported attack: a kecamatan and age band, minus the same with each sex, revealed the girls' "< 5"."""
    survey = surveys[Audience.CHILDREN]
    school = places["schools"][0]
    where = school.kelurahan.parent.code
    sent = []
    for sex, n, answers in (
        (Sex.MALE, 11, PROFILES[3]),
        (Sex.FEMALE, 2, PROFILES[4]),
        (Sex.PREFER_NOT_TO_SAY, 6, PROFILES[3]),
    ):
        sent += [Sent(Audience.CHILDREN, school, where, "10-12", sex, datetime.date(YEAR, 3, 2), answers)] * n
    elsewhere = places["schools"][2]
    for band, answers in (("13-15", PROFILES[3]), ("10-12", PROFILES[4]), ("0-9", PROFILES[5])):
        sent += [Sent(Audience.CHILDREN, elsewhere, "", band, Sex.FEMALE, datetime.date(YEAR, 3, 2), answers)] * 13
    store(surveys, sent)
    splits = dimensions(places)
    tried = attack(
        survey,
        sent,
        {"kecamatan": where, "umur": "10-12"},
        lambda item: item.area == where and item.age_band == "10-12",
        splits["jk"],
        survey.min_group_size,
    )
    assert tried


def test_a_day_filters_as_its_whole_month(places, surveys):
    """Two date filters one day apart: the form reads days as their months, so both give the same numbers."""
    survey = surveys[Audience.CHILDREN]
    school = places["schools"][0]
    sent = [
        Sent(Audience.CHILDREN, school, "", "10-12", Sex.FEMALE, datetime.date(YEAR, 4, day), PROFILES[3 + day % 3])
        for day in range(1, 29)
    ]
    store(surveys, sent)
    month = shown_numbers(survey, {"dari": f"{YEAR}-04", "sampai": f"{YEAR}-04"})
    for day in (1, 14, 15, 28):
        first = f"{YEAR}-04-{day:02d}"
        next_day = f"{YEAR}-04-{day + 1:02d}"
        assert shown_numbers(survey, {"dari": first, "sampai": first}) == month
        assert shown_numbers(survey, {"dari": first, "sampai": next_day}) == month
        assert shown_numbers(survey, {"dari": next_day}) == shown_numbers(survey, {"dari": first})


# Before and after one child submits --------------------------------------------------------------------------------


def one_child(surveys, school, answers, kecamatan: str = "") -> None:
    store(
        surveys, [Sent(Audience.CHILDREN, school, kecamatan, "13-15", Sex.FEMALE, datetime.date(YEAR, 4, 2), answers)]
    )


def every_reading(clients, survey) -> dict[str, object]:
    """Everything a reader may see of the survey's numbers: pages (their tables and sentences) and files."""
    params = {"survei": survey.pk}
    official, coordinator, public = clients
    found = {}
    for name, client, url, query in (
        ("public page", public, reverse("results:public"), {}),
        ("dashboard", official, reverse("results:official"), params),
        ("dashboard by kecamatan", official, reverse("results:official"), params | {"rinci": "kecamatan"}),
        ("evidence report", official, reverse("results:report"), params),
        ("school dashboard", coordinator, reverse("results:school"), params),
    ):
        response = client.get(url, query)
        assert response.status_code == 200, name
        page = read_page(response.content.decode())
        found[name] = (page.tables, [text for text in page.paragraphs if any(c.isdigit() for c in text)])
    for name, client, url in (
        ("summary CSV", official, reverse("results:export_summary", args=["csv"])),
        ("indicators CSV", official, reverse("results:export_indicators", args=["csv"])),
        ("school summary CSV", coordinator, reverse("results:school_export", args=["csv"])),
    ):
        response = client.get(url, params)
        assert response.status_code == 200, name
        found[name] = [line for line in response.content.decode("utf-8-sig").splitlines() if "Dibuat" not in line]
    return found


@pytest.fixture
def clients(client, make_user, places):
    from tests.conftest import Client

    official, coordinator = Client(), Client()
    official.force_login(make_user(Role.OFFICIAL))
    coordinator.force_login(make_user(Role.SCHOOL_COORDINATOR, school=places["schools"][0]))
    return official, coordinator, client


def test_no_page_or_file_changes_when_one_child_submits_only_when_k_have(clients, places, surveys, builtin_indicators):
    survey = surveys[Audience.CHILDREN]
    k = survey.min_group_size
    school = places["schools"][0]
    store(
        surveys,
        [
            Sent(Audience.CHILDREN, school, "", band, sex, datetime.date(YEAR, 3, 9), PROFILES[3 + n % 3])
            for n, (band, sex) in enumerate(itertools.product(AgeBand.values, Sex.values * 3))
        ],
    )
    before = every_reading(clients, survey)
    elsewhere = places["schools"][2]
    for n in range(k - 1):
        # The last children differ from all before them in school, kecamatan, age band and answers.
        one_child(surveys, elsewhere, PROFILES[4], kecamatan=elsewhere.kelurahan.parent.code)
        after = every_reading(clients, survey)
        for name in before:
            assert after[name] == before[name], f"{name} changed after {n + 1} of {k} new children"
    one_child(surveys, elsewhere, PROFILES[4], kecamatan=elsewhere.kelurahan.parent.code)
    published = every_reading(clients, survey)
    assert published["dashboard"] != before["dashboard"], "a whole batch of k children is published"
    assert rollup.publish(survey) == Response.objects.filter(survey=survey).order_by("-pk").first().pk


def test_a_closed_survey_publishes_its_last_answers(places, surveys):
    """Once a survey has closed nobody can submit to compare with, so its last answers count however few."""
    survey = surveys[Audience.CHILDREN]
    school = places["schools"][0]
    store(
        surveys, [Sent(Audience.CHILDREN, school, "", "10-12", Sex.MALE, datetime.date(YEAR, 3, 9), PROFILES[3])] * 12
    )
    first = rollup.publish(survey)
    one_child(surveys, school, PROFILES[3])
    assert rollup.publish(survey) == first
    survey.opens_at = timezone.now() - datetime.timedelta(days=30)
    survey.closes_at = timezone.now() - datetime.timedelta(days=1)
    survey.save(update_fields=["opens_at", "closes_at"])
    assert rollup.publish(survey) > first
