"""The results form filters by whole months: what the dashboards' rollup counts, and no day that could single out
the few children who answered on it. Links saved when it asked for days keep working."""

import calendar
import datetime

import pytest
from django.urls import reverse

from cms.roles import Role
from surveys.results import rollup, urls
from surveys.results.forms import MonthField, ResultFilterForm

MONTH_FIELDS = [name for name, field in ResultFilterForm.base_fields.items() if isinstance(field, MonthField)]


def test_the_form_has_month_fields_for_both_ends():
    assert MONTH_FIELDS == ["dari", "sampai"]


@pytest.mark.parametrize("name", MONTH_FIELDS)
@pytest.mark.parametrize(
    "given", ["2024-02", "2024-02-10", "2024-02-29", "2026-12", "2026-12-31", "0001-01", "9999-12"]
)
def test_every_date_given_becomes_a_whole_month_the_rollup_serves(survey, name, given):
    form = ResultFilterForm({name: given})
    assert form.is_valid(), form.errors
    day = form.cleaned_data[name]
    assert (day.year, day.month) == tuple(int(part) for part in given.split("-")[:2])
    assert day.day == (1 if name == "dari" else calendar.monthrange(day.year, day.month)[1])
    assert rollup.is_rolled_up(survey, form.result_filter())


@pytest.mark.parametrize("name", MONTH_FIELDS)
@pytest.mark.parametrize("given", ["2026-13", "2026-02-30", "kemarin", "08-2026", "2026", "99999-01", "2026-8-1x"])
def test_a_bad_month_is_an_error_of_its_field(db, name, given):
    form = ResultFilterForm({name: given})
    assert not form.is_valid()
    assert form.errors[name] == ["Tulis bulan seperti 2026-08."]


def test_a_later_start_than_end_is_refused(db):
    form = ResultFilterForm({"dari": "2026-09", "sampai": "2026-08"})
    assert not form.is_valid() and form.non_field_errors()
    assert ResultFilterForm({"dari": "2026-08", "sampai": "2026-08"}).is_valid()


def test_a_bookmarked_link_with_days_shows_the_months_that_hold_them(client, make_user, survey):
    client.force_login(make_user(Role.OFFICIAL))
    response = client.get(
        reverse("results:official"), {"survei": survey.pk, "dari": "2026-08-15", "sampai": "2026-09-03"}
    )
    assert response.status_code == 200
    where = response.context["scope"].where
    assert (where.start, where.end) == (datetime.date(2026, 8, 1), datetime.date(2026, 9, 30))
    html = response.content.decode()
    assert 'type="month" name="dari" value="2026-08"' in html
    assert 'type="month" name="sampai" value="2026-09"' in html
    assert "Bulan penuh, misalnya 2026-08" in html
    assert response.context["form"].describe() == "Dari bulan: 08-2026; Sampai bulan: 09-2026"


def officials_pages() -> list[str]:
    """Every results URL under the officials' ``staf/hasil/``, which all read the filter form's query string (a
    school's pages and the public page take none)."""
    return [
        reverse(f"results:{pattern.name}", kwargs={"file_format": "csv"} if pattern.pattern.converters else {})
        for pattern in urls.urlpatterns
        if str(pattern.pattern).startswith("staf/hasil/")
    ]


def test_the_officials_pages_are_all_checked():
    assert len(officials_pages()) == 5


@pytest.mark.parametrize("given", ["2026-08-15", "2026-13", "0000-01", "9999-12-31", "2026-02-30", "x" * 300])
def test_no_date_in_a_link_breaks_a_results_page(client, make_user, survey, answer_survey, given, pdf_of):
    """Every page answers, and the evidence pack's PDF, drawn by a job from the same query, is made."""
    answer_survey(survey, 6, {"bullied": "no"})
    client.force_login(make_user(Role.OFFICIAL))
    for url in officials_pages():
        for name in MONTH_FIELDS:
            if url == reverse("results:report_pdf"):
                assert pdf_of(client, url, {"survei": survey.pk, name: given})[1].startswith(b"%PDF-"), name
                continue
            assert client.get(url, {"survei": survey.pk, name: given}).status_code == 200, (url, name)
