"""What the final submission costs the database: a regression that adds queries to the busiest write fails here.

The section forms post to ``survey_answer`` (a plain URL keyed by the page id); the last one stores the response
and answers with the thank-you page in the same response.
"""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from surveys.models import Answer, Response

pytestmark = pytest.mark.django_db


def reach_the_last_screen(client, survey, regions) -> str:
    from cms.models import Region

    client.post(survey.url, {"choice": "agree"})
    kecamatan = Region.objects.kecamatan().first()
    client.post(survey.url + "tentang-kamu/", {"age_band": "13-15", "sex": "female", "kecamatan": kecamatan.pk})
    client.post(survey.url + "bagian/1/", {"safe_school": "4", "bullied": "no"})
    last = client.get(survey.url + "bagian/3/")
    url = reverse("survey_answer", args=[survey.pk, 3])
    assert f'action="{url}"' in last.content.decode()
    return url


# The page by id, then one transaction: the response, its answers and the session row. Savepoints count too (the
# test runs inside a transaction; the service and Django's session store each nest one). Was 21 on the way through
# Wagtail's routing, with a redirect to a thank-you page to GET.
MAX_QUERIES = 10


def test_the_final_submission_stays_cheap(client, survey, regions, django_assert_max_num_queries):
    url = reach_the_last_screen(client, survey, regions)
    client.post(url, {"friends": "2", "wish": "taman bermain"})  # a first child warms the per-page caches
    reach_the_last_screen(client, survey, regions)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.post(url, {"friends": "3", "wish": "taman bermain"})
    assert response.status_code == HTTPStatus.OK
    assert "Terima kasih" in response.content.decode()
    assert Response.objects.count() == 2
    assert Answer.objects.filter(question_code="friends", number_value=3).count() == 1


def test_what_the_final_submission_asks_the_database(client, survey, regions):
    """The page, then the response, its answers and the session in one transaction: nothing else."""
    url = reach_the_last_screen(client, survey, regions)
    client.post(url, {"friends": "2", "wish": "ayunan"})  # warms the caches: version, word list, page chrome
    reach_the_last_screen(client, survey, regions)
    with CaptureQueriesContext(connection) as queries:
        client.post(url, {"friends": "3", "wish": "taman bermain"})
    statements = [query["sql"].split()[0] + " " + table(query["sql"]) for query in queries.captured_queries]
    assert [s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT"))] == [
        "SELECT surveys_surveypage",
        "INSERT surveys_response",
        "INSERT surveys_answer",
        "UPDATE django_session",
    ]


def table(sql: str) -> str:
    for marker in ("INSERT INTO ", "UPDATE ", " FROM "):
        if marker in sql:
            return sql.split(marker, 1)[1].split()[0].strip('"')
    return ""


def test_a_retry_on_the_thank_you_page_shows_it_again_and_stores_nothing(client, survey, regions):
    url = reach_the_last_screen(client, survey, regions)
    first = client.post(url, {"friends": "2"})
    again = client.post(url, {"friends": "2"})
    assert first.status_code == again.status_code == HTTPStatus.OK
    assert "Terima kasih" in again.content.decode()
    assert Response.objects.count() == 1
    assert client.get(url)["Location"] == survey.url + "terima-kasih/", "a reopened tab lands on the thank-you page"


def test_the_answer_url_of_a_missing_or_unpublished_page_is_not_found(client, survey):
    assert client.post(reverse("survey_answer", args=[survey.pk + 1000, 1]), {}).status_code == HTTPStatus.NOT_FOUND
    survey.unpublish()
    assert client.post(reverse("survey_answer", args=[survey.pk, 1]), {}).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="the in-memory SQLite test database locks instead of waiting for writers"
)
@pytest.mark.django_db(transaction=True)
def test_a_double_tap_on_the_last_screen_stores_one_response_and_thanks_twice(client, survey, regions):
    """Two final POSTs of one browser at the same moment: one row, and both answers are the thank-you page."""
    import threading

    from django.test import Client

    url = reach_the_last_screen(client, survey, regions)
    cookies = client.cookies
    barrier = threading.Barrier(2)
    pages = []

    def tap():
        twin = Client()
        twin.cookies = cookies
        try:
            barrier.wait(timeout=10)
            pages.append(twin.post(url, {"friends": "2", "wish": "taman"}))
        finally:
            connection.close()

    threads = [threading.Thread(target=tap) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert [page.status_code for page in pages] == [HTTPStatus.OK, HTTPStatus.OK]
    assert all("Terima kasih" in page.content.decode() for page in pages)
    assert Response.objects.count() == 1
    assert Answer.objects.filter(question_code="wish").count() == 1
