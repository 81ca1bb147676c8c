from http import HTTPStatus

import pytest


def result_titles(response) -> str:
    body = response.content.decode()
    return body[body.find('class="search-results"') :]


def test_search_finds_campaigns_and_stories(client, sections):
    response = client.get("/cari/", {"q": "rokok"})
    assert response.status_code == HTTPStatus.OK
    results = result_titles(response)
    assert "Udara Bersih di Tempat Anak Bermain dan Belajar" in results
    assert "Memetakan Asap Rokok di Sekitar Sekolah" in results
    assert "Sekolahku Tanpa Perundungan" not in results


def test_search_reads_the_body_of_a_page(client, sections):
    results = result_titles(client.get("/cari/", {"q": "ayunan"}))
    assert "Ruang Bermain untuk Semua Anak" in results


def test_search_stays_in_the_visitors_language(client, sections):
    results = result_titles(client.get("/en/cari/", {"q": "smoke"}))
    assert "Clean Air Where Children Play and Learn" in results
    assert "Udara Bersih" not in results


def test_search_does_not_show_drafts(client, sections, campaign):
    campaign.unpublish()
    results = result_titles(client.get("/cari/", {"q": "perundungan"}))
    assert "Sekolahku Tanpa Perundungan" not in results


@pytest.mark.parametrize("query", ["", "   ", "x" * 500, "<script>alert(1)</script>", "' OR 1=1 --", "%%%"])
def test_any_query_gets_an_answer_never_an_error(client, sections, query):
    response = client.get("/cari/", {"q": query, "halaman": "-1"})
    assert response.status_code == HTTPStatus.OK
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_form_works_without_javascript(client, home):
    body = client.get("/cari/").content.decode()
    assert '<form class="search-form" action="/cari/" method="get" role="search">' in body
    assert '<label for="search-query">' in body
