import json

from bs4 import BeautifulSoup
from django.template.loader import render_to_string

from surveys.results.charts import Chart, breakdown_chart
from surveys.results.suppression import CountTable, rounded, suppress
from tests.results.chart_page import known_chart


def render(chart: Chart) -> BeautifulSoup:
    return BeautifulSoup(render_to_string("components/chart.html", {"chart": chart}), "html.parser")


def test_the_figure_travels_as_json_script_named_by_the_container():
    chart = known_chart()
    html = render(chart)
    container = html.select_one(".chart__plot")
    source = html.find("script", id=container["data-chart-figure"])
    assert source["type"] == "application/json"
    assert json.loads(source.string) == json.loads(json.dumps(chart.figure))
    assert list(json.loads(source.string)["data"][0]["y"]) == [40]


def test_the_component_has_no_inline_code():
    html = render(known_chart())
    assert all(script.get("type") == "application/json" for script in html.find_all("script"))
    assert not any(name.startswith("on") for tag in html.find_all(True) for name in tag.attrs)


def test_the_table_beside_the_chart_shows_the_same_numbers_and_hides_small_groups():
    html = render(known_chart())
    table = html.select_one("table.chart__table")
    assert table.caption.get_text(strip=True) == "Pernah dirundung di sekolah, Kota Balikpapan, putaran 2026"
    headers = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    assert headers == ["Wilayah", "Tidak pernah", "Sekali", "Sering", "Menjawab pertanyaan ini"]
    assert all(th["scope"] == "col" for th in table.thead.find_all("th"))
    (row,) = table.tbody.find_all("tr")
    assert row.th["scope"] == "row" and row.th.get_text(strip=True) == "Kota Balikpapan"
    assert [td.get_text(strip=True) for td in row.find_all("td")] == ["40", "≥ 5", "< 5", "55"]
    assert table.tfoot is None, "a single row needs no line of totals"
    note = html.select_one(".chart__note").get_text(" ", strip=True).replace("\xa0", " ")
    assert "Anak yang menjawab pertanyaan ini: 55." in note
    assert 'kurang dari 5 anak ditampilkan sebagai "< 5"' in note


def test_a_breakdown_table_has_a_line_of_totals_and_says_when_choices_overlap():
    table = suppress(
        CountTable(
            rows=("64.71.01", "64.71.02"),
            columns=("ejek", "pukul"),
            cells=((12, 7), (20, 9)),
            row_totals=(15, 25),
            column_totals=(32, 16),
            grand_total=40,
            is_additive=False,
            row_labels=("Balikpapan Selatan", "Balikpapan Kota"),
            column_labels=("Diejek", "Dipukul"),
        ),
        k=8,
    )
    chart = Chart(
        id="grafik-bentuk",
        figure=breakdown_chart(table, title="Bentuk perundungan", x_title="Kecamatan", y_title="Jumlah anak"),
        table=table,
        caption="Bentuk perundungan per kecamatan",
        row_heading="Kecamatan",
    )
    html = render(chart)
    footer = html.select_one("table.chart__table tfoot tr")
    assert footer.th.get_text(strip=True) == "Semua"
    assert [td.get_text(strip=True) for td in footer.find_all("td")] == [str(rounded(n, 8)) for n in (32, 16, 40)]
    rows = html.select("table.chart__table tbody tr")
    assert [td.get_text(strip=True) for td in rows[0].find_all("td")] == ["≥ 8", "< 8", str(rounded(15, 8))]
    note = html.select_one(".chart__note").get_text(" ", strip=True).replace("\xa0", " ")
    assert "lebih dari satu jawaban" in note
    assert "< 8" in note


def test_a_withheld_table_says_so_and_shows_no_number():
    table = suppress(
        CountTable(
            rows=("a", "b"),
            columns=("x", "y"),
            cells=((1, 2), (1, 2)),
            row_totals=(3, 3),
            column_totals=(2, 4),
            grand_total=6,
        ),
        k=3,
    )
    chart = Chart(
        id="grafik-kecil",
        figure=breakdown_chart(table, title="Judul", x_title="Kelas", y_title="Jumlah anak"),
        table=table,
        caption="Kelas kecil",
    )
    html = render(chart)
    numbers = [td.get_text(strip=True) for td in html.select("table.chart__table td")]
    assert set(numbers) == {"x"}
    assert "semua angkanya ditandai" in html.select_one(".chart__note").get_text(" ", strip=True)


def test_the_table_that_scrolls_sideways_on_a_phone_can_be_reached_and_scrolled_by_keyboard():
    """axe-core (scrollable-region-focusable, serious) on the school dashboard at 390 px: the wide table scrolled
    only by touch or mouse."""
    html = render(known_chart())
    wrap = html.select_one(".chart__table-wrap")
    assert wrap["tabindex"] == "0" and wrap["role"] == "region"
    assert html.find(id=wrap["aria-labelledby"]).name == "caption"
