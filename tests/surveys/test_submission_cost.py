"""What the final submission costs the database: a regression that adds queries to the busiest write fails here.

The section forms post to ``survey_answer`` (a plain URL keyed by the page id); the last one stores the response
and answers with the thank-you page in the same response.
"""

import datetime
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from cms.models import HelpLine, HelpLineSettings, Region
from surveys.models import AccessRule, Answer, Response

pytestmark = pytest.mark.django_db


def reach_the_last_screen(client, survey, regions) -> str:
    client.post(survey.url, {"choice": "agree"})
    kecamatan = Region.objects.kecamatan().first()
    client.post(survey.url + "tentang-kamu/", {"age_band": "13-15", "sex": "female", "kecamatan": kecamatan.pk})
    client.post(survey.url + "bagian/1/", {"safe_school": "4", "bullied": "no"})
    last = client.get(survey.url + "bagian/3/")
    url = reverse("survey_answer", args=[survey.pk, 3])
    assert f'action="{url}"' in last.content.decode()
    return url


# One transaction: the response, its answers and the session row (the page is kept in the app server's memory).
# Savepoints count too: the test runs inside a transaction, so the submission's own transaction is one. Was 21 on
# the way through Wagtail's routing, with a redirect to a thank-you page to GET; then 10.
MAX_QUERIES = 5


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
    """The response, its answers and the session in one transaction, without savepoints inside: nothing else (the
    page, its version, the word list and the thank-you page come from memory or the cache after a first child)."""
    url = reach_the_last_screen(client, survey, regions)
    client.post(url, {"friends": "2", "wish": "ayunan"})  # warms the caches: page, version, word list, thank-you
    reach_the_last_screen(client, survey, regions)
    with CaptureQueriesContext(connection) as queries:
        client.post(url, {"friends": "3", "wish": "taman bermain"})
    assert statements(queries) == [
        "SAVEPOINT ",  # the submission's transaction (a savepoint only because the test runs in one)
        "UPDATE django_session",
        *inserts(),
        "RELEASE ",
    ]


def statements(queries: CaptureQueriesContext) -> list[str]:
    """Each captured statement as its first word and the table it writes or reads."""
    return [query["sql"].split()[0] + " " + table(query["sql"]) for query in queries.captured_queries]


def inserts() -> list[str]:
    """The response and its answers: one statement on PostgreSQL (``WITH response AS (INSERT …)``), else two."""
    if connection.vendor == "postgresql":
        return ["WITH surveys_response"]
    return ["INSERT surveys_response", "INSERT surveys_answer"]


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


# What is kept in memory must follow the editors ------------------------------------------------------------------


def test_a_survey_closed_after_its_page_was_kept_in_memory_takes_no_more_answers(client, survey, regions):
    url = reach_the_last_screen(client, survey, regions)
    client.post(url, {"friends": "2"})  # the page is now kept in memory
    reach_the_last_screen(client, survey, regions)
    survey.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    survey.save_revision().publish()
    refused = client.post(url, {"friends": "3"})
    assert refused.status_code == HTTPStatus.FORBIDDEN
    assert Response.objects.count() == 1
    survey.unpublish()
    assert client.post(url, {"friends": "3"}).status_code == HTTPStatus.NOT_FOUND


def test_answers_go_to_the_new_version_once_changed_questions_are_published(client, survey, regions):
    url = reach_the_last_screen(client, survey, regions)
    client.post(url, {"friends": "2"})  # the page and its version ids are now kept in memory
    definition = survey.definition.raw_data
    definition[0]["value"]["questions"][0]["value"]["label"] = "Apakah kamu merasa aman di sekolahmu?"
    survey.definition = definition
    survey.save_revision().publish()
    reach_the_last_screen(client, survey, regions)
    client.post(url, {"friends": "3"})
    assert list(Response.objects.order_by("pk").values_list("version__number", flat=True)) == [1, 2]


def test_the_thank_you_page_kept_in_memory_shows_a_changed_help_line(client, survey, regions):
    url = reach_the_last_screen(client, survey, regions)
    assert "SAPA 129" in client.post(url, {"friends": "2"}).content.decode()
    settings = HelpLineSettings.for_site(Site.objects.get(is_default_site=True))
    HelpLine.objects.create(setting=settings, name="Layanan Uji Baru", phone="0542-000000")
    reach_the_last_screen(client, survey, regions)
    page = client.post(url, {"friends": "3"}).content.decode()
    assert "Layanan Uji Baru" in page
    assert "csrfmiddlewaretoken" not in page


def test_a_signed_in_person_gets_their_own_thank_you_page(client, survey, regions, facilitator):
    url = reach_the_last_screen(client, survey, regions)
    client.post(url, {"friends": "2"})  # a child's thank-you page is now kept in memory
    client.force_login(facilitator)
    reach_the_last_screen(client, survey, regions)
    page = client.post(url, {"friends": "3"}).content.decode()
    assert "Terima kasih" in page and "wagtail-userbar" in page


@pytest.mark.django_db(transaction=True)
def test_answers_are_kept_when_the_chosen_kecamatan_is_deleted_before_the_submit(client, survey, regions):
    """Foreign keys are checked when the transaction commits: the submission is stored again, without it."""
    gone = Region.objects.create(code="64.71.99", level="kecamatan", name="Kecamatan Uji", parent=None)
    client.post(survey.url, {"choice": "agree"})
    client.post(survey.url + "tentang-kamu/", {"age_band": "13-15", "sex": "female", "kecamatan": gone.pk})
    client.post(survey.url + "bagian/1/", {"safe_school": "4", "bullied": "no"})
    gone.delete()
    response = client.post(reverse("survey_answer", args=[survey.pk, 3]), {"friends": "3"})
    assert response.status_code == HTTPStatus.OK and "Terima kasih" in response.content.decode()
    stored = Response.objects.get()
    assert stored.kecamatan_id is None and stored.answers.filter(question_code="friends", number_value=3).exists()


def test_a_class_code_adds_only_the_spending_of_one_use(client, make_survey, make_code, school, regions):
    """The school, level and kecamatan noted when the code was typed are not read again at the submit."""
    coded = make_survey(access=AccessRule.CODE_REQUIRED, slug="survei-berkode")
    code = make_code(coded)
    url = reverse("survey_answer", args=[coded.pk, 3])
    for child in range(2):  # the first child warms the caches
        client.post(coded.url, {"choice": "agree", "kode": code.code})
        client.post(coded.url + "tentang-kamu/", {"age_band": "13-15", "sex": "female"})
        client.post(coded.url + "bagian/1/", {"safe_school": "4", "bullied": "no"})
        with CaptureQueriesContext(connection) as queries:
            page = client.post(url, {"friends": str(child)})
        assert "Terima kasih" in page.content.decode()
    # The class code's row (shared by a class) is locked last, so it is held for the shortest time.
    spends = [] if connection.vendor == "postgresql" else ["UPDATE surveys_classcode"]  # PostgreSQL: in the WITH
    assert statements(queries) == ["SAVEPOINT ", "UPDATE django_session", *inserts(), *spends, "RELEASE "]
    stored = Response.objects.order_by("pk").last()
    assert (stored.school, stored.school_level, stored.kecamatan) == (
        school,
        code.school_level,
        school.kelurahan.parent,
    )
    code.refresh_from_db()
    assert code.uses == 2


def test_a_class_code_deleted_while_a_child_answers_stores_nothing_and_says_why(client, make_survey, make_code):
    coded = make_survey(access=AccessRule.CODE_REQUIRED, slug="survei-berkode")
    code = make_code(coded)
    client.post(coded.url, {"choice": "agree", "kode": code.code})
    client.post(coded.url + "tentang-kamu/", {"age_band": "13-15", "sex": "female"})
    client.post(coded.url + "bagian/1/", {"safe_school": "4", "bullied": "no"})
    code.delete()
    refused = client.post(reverse("survey_answer", args=[coded.pk, 3]), {"friends": "2"})
    assert refused.status_code == HTTPStatus.CONFLICT
    assert "Minta kode baru kepada gurumu" in refused.content.decode()
    assert Response.objects.count() == 0
