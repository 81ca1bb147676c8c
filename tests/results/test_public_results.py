"""The public results page (/hasil/) as a child reads it on a phone: bars the server draws, no chart library,
its questions and choices in the page's language, and a way there from every page's menu."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from surveys.results.charts import drawn_bars
from surveys.results.pages import published_chart
from surveys.results.suppression import rounded
from tests.results.test_charts import grid, single_row

pytestmark = pytest.mark.django_db


def test_one_groups_bars_are_each_choices_share_and_a_hidden_number_draws_nothing():
    table = single_row({"yes": 33, "no": 61, "unsure": 3, "other": 3}, ["Ya", "Tidak", "Ragu", "Lain"])
    bars = drawn_bars(table)
    yes, no = (round(100 * rounded(n, 5) / rounded(100, 5), 1) for n in (33, 61))  # shares of the shown numbers
    assert [(row.label, row.share, [bar.length for bar in row.bars]) for row in bars.rows] == [
        ("Ya", yes, [f"{yes:.2f}"]),
        ("Tidak", no, [f"{no:.2f}"]),
        ("Ragu", None, []),
        ("Lain", None, []),
    ]
    assert bars.rows[2].cell.label == "< 5"
    assert bars.legend == ()


def test_each_groups_bar_stacks_its_choices_shares_in_the_legends_colours():
    table = grid(
        {"a": {"yes": 10, "no": 30}, "b": {"yes": 20, "no": 20}},
        labels=["Ya", "Tidak"],
        row_labels=["Barat", "Timur"],
    )
    bars = drawn_bars(table)
    assert bars.is_stacked
    assert [label for label, _colour in bars.legend] == ["Ya", "Tidak"]
    barat = bars.rows[0]
    assert barat.label == "Barat" and barat.cell.value == 40
    assert [(bar.label, bar.x, bar.length) for bar in barat.bars] == [
        ("Ya", "0.00", "25.00"),
        ("Tidak", "25.00", "75.00"),
    ]
    assert [bar.colour for bar in barat.bars] == [colour for _label, colour in bars.legend]
    assert [(label, cell.value) for label, cell in bars.totals] == [("Ya", 30), ("Tidak", 50)]


def test_a_multiple_choice_breakdown_draws_one_bar_per_choice_not_a_stack(published_results):
    chart = published_chart(published_results, "bullied_where", by="kecamatan")
    assert not chart.table.is_additive and not chart.bars.is_stacked
    assert all(bar.x == "0.00" for row in chart.bars.rows for bar in row.bars)


def test_the_public_page_loads_no_script_and_no_figure_data(client, published_results):
    html = client.get("/hasil/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert len(soup.select("figure.chart svg.chart__bar")) >= 6
    assert "plotly" not in html


@pytest.mark.parametrize(
    ("path", "title", "questions", "choices", "absent"),
    [
        (
            "/hasil/",
            "Survei Uji",
            ["Seberapa sering kamu merasa aman di sekolah?", "Apakah kamu dirundung bulan ini?", "Di mana?"],
            ["Di kelas", "Lewat internet", "Ya", "Tidak", "Saya tidak ingin menjawab"],
            ["Where?", "Online", "Were you bullied this month?"],
        ),
        (
            "/en/hasil/",
            "Safety survey",
            ["How often do you feel safe at school?", "Were you bullied this month?", "Where?"],
            ["In class", "Online", "Yes", "No", "I prefer not to answer"],
            ["Di mana?", "Lewat internet", "Di kelas", "Apakah kamu dirundung", "Seberapa sering", "Survei Uji"],
        ),
    ],
)
def test_the_public_page_speaks_the_pages_language(client, published_results, path, title, questions, choices, absent):
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    for tag in soup(["header", "footer", "aside"]):
        tag.decompose()
    text = soup.get_text(" ")
    assert soup.h2.get_text(strip=True) == title
    assert [h3.get_text(strip=True) for h3 in soup.select("figure.chart h3")] == [q for q in questions for _ in (1, 2)]
    headings = {th.get_text(strip=True) for th in soup.select("figure.chart th")}
    assert set(choices) <= headings
    for caption in soup.select("figure.chart caption"):
        assert title in caption.get_text()
    for words in absent:
        assert words not in text, words


def test_a_translation_without_a_question_keeps_the_surveys_own_words(client, published_results):
    from wagtail.models import Locale

    translation = published_results.get_translation(Locale.objects.get(language_code="en"))
    translation.definition = translation.definition[:0]
    translation.save_revision().publish()
    soup = BeautifulSoup(client.get("/en/hasil/").content, "html.parser")
    assert soup.select_one("figure.chart h3").get_text(strip=True) == "Seberapa sering kamu merasa aman di sekolah?"


def test_an_unpublished_translation_lends_no_words(client, published_results):
    from wagtail.models import Locale

    published_results.get_translation(Locale.objects.get(language_code="en")).unpublish()
    soup = BeautifulSoup(client.get("/en/hasil/").content, "html.parser")
    assert soup.select_one("figure.chart h3").get_text(strip=True) == "Seberapa sering kamu merasa aman di sekolah?"
    assert soup.h2.get_text(strip=True) == "Survei Uji"


def test_every_page_links_to_the_results_from_its_menu(client, sections, published_results):
    # Survey screens have the compact survey-mode header (name, language, help: #17 point 3, checked in
    # tests/surveys/test_survey_mode.py) and no site menu; a child reaches the results from the thank-you page.
    pages = [
        page.url
        for page in Page.objects.live().public().filter(depth__gt=1).specific()
        if page.specific_class._meta.label != "surveys.SurveyPage"
    ]
    assert len(pages) > 15
    for path in [*pages, "/hasil/", "/en/hasil/", "/cari/"]:
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        results = "/en/hasil/" if path.startswith("/en/") else "/hasil/"
        link = soup.select_one(f'nav.site-nav a[href="{results}"]')
        assert link is not None, path
        assert link.get_text(strip=True) == ("Results" if results.startswith("/en/") else "Hasil"), path
        assert (link.get("aria-current") == "page") == (path == results), path
