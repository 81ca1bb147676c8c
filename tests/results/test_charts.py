import json

import pytest

from surveys.results.charts import (
    NOT_SAYING_COLOUR,
    breakdown_chart,
    distribution_chart,
    likert_chart,
    school_versus_city_chart,
    trend_chart,
)
from surveys.results.suppression import CountTable, suppress

WORDS = {"title": "Pernah dirundung di sekolah?", "x_title": "Jawaban", "y_title": "Jumlah anak"}


def single_row(counts: dict[str, int], labels: list[str] | None = None):
    return suppress(
        CountTable.from_counts(
            [{"choice": key, "n": n} for key, n in counts.items()],
            columns=list(counts),
            row_field=None,
            column_labels=labels or [],
        )
    )


def grid(rows: dict[str, dict[str, int]], labels: list[str] | None = None, row_labels: list[str] | None = None):
    columns = list(next(iter(rows.values())))
    counts = [{"row": row, "choice": choice, "n": n} for row, cells in rows.items() for choice, n in cells.items()]
    return suppress(
        CountTable.from_counts(
            counts, rows=list(rows), columns=columns, column_labels=labels or [], row_labels=row_labels or []
        )
    )


def trace_named(figure, name):
    return next(trace for trace in figure["data"] if trace["name"] == name)


def assert_readable(figure, title=WORDS["title"]):
    layout = figure["layout"]
    assert layout["title"]["text"] == title
    assert layout["xaxis"]["title"]["text"]
    assert layout["yaxis"]["title"]["text"]
    assert figure["config"]["displaylogo"] is False
    assert figure["config"]["responsive"] is True
    assert layout["autosize"] is True
    assert "width" not in layout, "a fixed width would overflow a phone"
    json.dumps(figure)


def test_distribution_shows_visible_counts_and_leaves_out_hidden_choices():
    table = single_row({"tidak": 40, "sekali": 12, "sering": 3}, ["Tidak pernah", "Sekali", "Sering"])
    figure = distribution_chart(table, **WORDS)
    assert_readable(figure)
    (bar,) = figure["data"]
    assert bar["type"] == "bar"
    assert list(bar["x"]) == ["Tidak pernah"]
    assert list(bar["y"]) == [40]
    assert "Sering" not in json.dumps(figure) and "Sekali" not in json.dumps(figure)


def test_distribution_without_small_groups_shows_every_choice():
    figure = distribution_chart(single_row({"ya": 20, "tidak": 30}, ["Ya", "Tidak"]), **WORDS)
    assert list(figure["data"][0]["x"]) == ["Ya", "Tidak"]
    assert list(figure["data"][0]["y"]) == [20, 30]


def test_likert_stacks_percentages_in_scale_order_with_not_saying_last():
    table = grid(
        {
            "aman": {"ts": 10, "s": 30, "tidak_jawab": 10, "sts": 50},
            "dihargai": {"ts": 20, "s": 20, "tidak_jawab": 20, "sts": 40},
        },
        labels=["Tidak setuju", "Setuju", "Tidak mau menjawab", "Sangat tidak setuju"],
        row_labels=["Saya merasa aman", "Saya dihargai"],
    )
    figure = likert_chart(table, order=["sts", "ts", "s"], last=["tidak_jawab"], **WORDS)
    assert_readable(figure)
    assert [trace["name"] for trace in figure["data"]] == [
        "Sangat tidak setuju",
        "Tidak setuju",
        "Setuju",
        "Tidak mau menjawab",
    ]
    assert figure["layout"]["barmode"] == "stack"
    assert all(trace["orientation"] == "h" for trace in figure["data"])
    strongly = trace_named(figure, "Sangat tidak setuju")
    assert list(strongly["y"]) == ["Saya merasa aman", "Saya dihargai"]
    assert list(strongly["x"]) == [50.0, 40.0]
    assert trace_named(figure, "Tidak mau menjawab")["marker"]["color"] == NOT_SAYING_COLOUR


def test_likert_leaves_out_a_hidden_category_of_one_item():
    table = grid(
        {"aman": {"ts": 2, "s": 30, "sts": 20}, "dihargai": {"ts": 20, "s": 20, "sts": 40}},
        row_labels=["Saya merasa aman", "Saya dihargai"],
    )
    assert table.cells[0][0].label == "< 5"
    figure = likert_chart(table, **WORDS)
    disagree = trace_named(figure, "ts")
    assert "Saya merasa aman" not in list(disagree["y"])
    for name, share in zip(disagree["y"], disagree["x"], strict=True):
        row = next(row for row in table.body if row.label == name)
        assert share == round(100 * row.cells[0].value / row.total.value, 1)


def test_breakdown_groups_choices_per_kecamatan_and_leaves_out_hidden_cells():
    table = grid(
        {"64.71.01": {"ya": 12, "tidak": 30}, "64.71.02": {"ya": 3, "tidak": 25}, "64.71.03": {"ya": 8, "tidak": 40}},
        labels=["Ya", "Tidak"],
        row_labels=["Balikpapan Selatan", "Balikpapan Kota", "Balikpapan Timur"],
    )
    figure = breakdown_chart(table, **WORDS)
    assert_readable(figure)
    assert figure["layout"]["barmode"] == "group"
    yes = trace_named(figure, "Ya")
    assert "Balikpapan Kota" not in list(yes["x"])
    shown = {row.label: row.cells[0].value for row in table.body if not row.cells[0].is_suppressed}
    assert dict(zip(yes["x"], yes["y"], strict=True)) == shown
    assert len(shown) < 3, "complementary suppression hides a second 'Ya' cell"


def test_breakdown_as_percentages_of_each_group():
    table = grid({"L": {"ya": 10, "tidak": 30}, "P": {"ya": 20, "tidak": 20}}, labels=["Ya", "Tidak"])
    figure = breakdown_chart(table, as_percent=True, **WORDS)
    assert list(trace_named(figure, "Ya")["y"]) == [25.0, 50.0]
    assert figure["layout"]["yaxis"]["ticksuffix"] == "%"


def test_trend_draws_a_line_per_choice_across_rounds_without_hidden_points():
    table = grid(
        {"2025": {"ya": 30, "tidak": 70}, "2026-1": {"ya": 4, "tidak": 50}, "2026-2": {"ya": 20, "tidak": 80}},
        labels=["Pernah", "Tidak pernah"],
    )
    figure = trend_chart(table, **WORDS)
    assert_readable(figure)
    line = trace_named(figure, "Pernah")
    assert line["type"] == "scatter" and "lines" in line["mode"]
    assert "2026-1" not in list(line["x"])
    expected = {
        row.label: round(100 * row.cells[0].value / row.total.value, 1) for row in table.body if row.cells[0].value
    }
    assert dict(zip(line["x"], line["y"], strict=True)) == expected
    assert list(line["x"]) == [label for label in table.row_labels if label in expected], "rounds stay in order"
    assert figure["layout"]["xaxis"]["type"] == "category"


def test_trend_as_bars_of_counts():
    table = grid({"2025": {"ya": 30, "tidak": 70}, "2026": {"ya": 40, "tidak": 50}})
    figure = trend_chart(table, as_percent=False, as_lines=False, **WORDS)
    assert trace_named(figure, "ya")["type"] == "bar"
    assert list(trace_named(figure, "ya")["y"]) == [30, 40]


def test_school_versus_city_shows_two_percentages_per_choice():
    table = grid(
        {"sekolah": {"ya": 10, "tidak": 30}, "lainnya": {"ya": 50, "tidak": 110}},
        labels=["Pernah", "Tidak pernah"],
    )
    figure = school_versus_city_chart(
        table, school_row="sekolah", school_name="SD Uji Coba", city_name="Kota Balikpapan", **WORDS
    )
    assert_readable(figure)
    school, city = figure["data"]
    assert (school["name"], city["name"]) == ("SD Uji Coba", "Kota Balikpapan")
    assert list(school["x"]) == ["Pernah", "Tidak pernah"]
    assert list(school["y"]) == [25.0, 75.0]
    assert list(city["y"]) == [30.0, 70.0]


def test_school_versus_city_leaves_out_the_schools_hidden_share():
    table = grid({"sekolah": {"ya": 2, "tidak": 30}, "lainnya": {"ya": 50, "tidak": 110}}, labels=["Ya", "Tidak"])
    figure = school_versus_city_chart(table, school_row="sekolah", school_name="S", city_name="K", **WORDS)
    school = figure["data"][0]
    assert "Ya" not in list(school["x"])


@pytest.mark.parametrize(
    "build",
    [
        lambda t: distribution_chart(t, **WORDS),
        lambda t: breakdown_chart(t, **WORDS),
        lambda t: trend_chart(t, **WORDS),
        lambda t: likert_chart(t, **WORDS),
    ],
)
def test_a_table_of_only_small_groups_draws_no_numbers(build):
    figure = build(single_row({"ya": 1, "tidak": 2}))
    assert all(len(trace["x"]) == 0 for trace in figure["data"])


def test_school_versus_city_keeps_the_choices_in_the_questions_order():
    table = grid({"sekolah": {"ya": 2, "tidak": 30}, "lainnya": {"ya": 50, "tidak": 110}}, labels=["Ya", "Tidak"])
    figure = school_versus_city_chart(table, school_row="sekolah", school_name="S", city_name="K", **WORDS)
    assert figure["layout"]["xaxis"]["categoryorder"] == "array"
    assert list(figure["layout"]["xaxis"]["categoryarray"]) == ["Ya", "Tidak"]


@pytest.mark.parametrize(
    "build",
    [
        lambda: distribution_chart(single_row({"ya": 10, "tidak": 2}), **WORDS),
        lambda: breakdown_chart(grid({"a": {"ya": 10, "tidak": 12}, "b": {"ya": 7, "tidak": 9}}), **WORDS),
        lambda: breakdown_chart(
            grid({"a": {"ya": 10, "tidak": 12}, "b": {"ya": 7, "tidak": 9}}), as_percent=True, **WORDS
        ),
        lambda: trend_chart(grid({"2025": {"ya": 10, "tidak": 12}, "2026": {"ya": 7, "tidak": 9}}), **WORDS),
        lambda: trend_chart(grid({"2025": {"ya": 10, "tidak": 12}}), as_lines=False, **WORDS),
        lambda: likert_chart(grid({"a": {"1": 10, "2": 12, "x": 6}}), last=["x"], **WORDS),
        lambda: school_versus_city_chart(
            grid({"s": {"ya": 8, "tidak": 30}, "r": {"ya": 50, "tidak": 110}}),
            school_row="s",
            school_name="S",
            city_name="K",
            **WORDS,
        ),
    ],
)
def test_figures_built_without_plotlys_checks_equal_the_checked_ones(build, monkeypatch):
    from surveys.results import charts

    fast = json.dumps(build(), sort_keys=True)
    monkeypatch.setattr(charts, "VALIDATE", True)
    assert json.dumps(build(), sort_keys=True) == fast
