"""The API's figures are the dashboards' figures: for the same filters, every cell of every table (respondents and
each question) is the one the official dashboard shows, and the public API's are the public page's."""

import pytest
from django.urls import reverse

from cms.models import Region
from surveys.results.pages import published_chart
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


def cells(table) -> list:
    """A table as (row, column, value, label) from the dashboard's SuppressedTable or the API's JSON."""
    if isinstance(table, dict):
        return [
            (row["key"], column["code"], cell["value"], cell["label"])
            for row in table["rows"]
            for column, cell in zip(table["columns"], row["cells"], strict=True)
        ] + [(row["key"], "total", row["total"]["value"], row["total"]["label"]) for row in table["rows"]]
    return [
        (row.key, column, cell.value, str(cell.label))
        for row in table.body
        for column, cell in zip(table.columns, row.cells, strict=True)
    ] + [(row.key, "total", row.total.value, str(row.total.label)) for row in table.body]


def filter_sets(survey):
    kecamatan = list(Region.objects.kecamatan().order_by("code").values_list("code", flat=True))
    return [
        {},
        {"rinci": "kecamatan"},
        {"rinci": "age_band"},
        {"kecamatan": kecamatan[0]},
        {"kecamatan": kecamatan[1], "rinci": "sex"},
        {"jk": "female"},
        {"dari": "2020-01", "sampai": "2040-12"},
    ]


def test_the_official_api_shows_the_official_dashboards_numbers(client, published_results, official, official_token):
    client.force_login(official)
    for filters in filter_sets(published_results):
        query = {"survei": published_results.pk, **filters}
        page = client.get(reverse("results:official"), query).context
        url = f"/api/v1/official/surveys/{published_results.pk}/results"
        api = client.get(url, filters, **bearer(official_token)).json()
        assert cells(api["respondents"]) == cells(page["respondents"]), filters
        assert (api["blank"]["value"], api["blank"]["label"]) == (page["blank"].value, str(page["blank"].label))
        shown = {chart.id.removeprefix("q-"): chart.table for chart in page["charts"]}
        assert shown and cells(page["respondents"]), "there are figures to compare"
        assert [question["code"] for question in api["questions"]] == list(shown), filters
        for question in api["questions"]:
            assert cells(question["table"]) == cells(shown[question["code"]]), (filters, question["code"])
        assert api["filters"] == page["filtered_by"]


def test_the_public_api_shows_the_public_pages_numbers(client, published_results):
    for by in (None, "kecamatan"):
        query = {"rinci": by} if by else {}
        api = client.get(f"/api/v1/surveys/{published_results.pk}/results", query).json()
        assert len(api["questions"]) == len(published_results.published_results)
        for question in api["questions"]:
            chart = published_chart(published_results, question["code"], by=by)
            assert cells(question["table"]) == cells(chart.table), (by, question["code"])


def test_the_api_indicator_is_the_dashboards(client, published_results, official):
    client.force_login(official)
    kecamatan = Region.objects.kecamatan().order_by("code").first()
    query = {"dari": "2026-01", "sampai": "2026-12", "kecamatan": kecamatan.code}
    page = client.get(reverse("results:official"), query).context["indicators"]
    api = client.get("/api/v1/indicators", query).json()["indicators"]
    assert [(row["name"], row["numerator"]["value"], row["numerator"]["label"], row["rate"]) for row in api] == [
        (row.indicator.name, row.figure.numerator.value, str(row.figure.numerator.label), row.figure.rate)
        for row in page
    ]
    assert api, "the indicator table is not empty"
