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


def test_the_final_submission_stays_cheap(client, survey, regions):
    url = reach_the_last_screen(client, survey, regions)
    client.post(url, {"friends": "2", "wish": "taman bermain"})  # a first child warms the per-page caches
    reach_the_last_screen(client, survey, regions)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"friends": "3", "wish": "taman bermain"})
    assert response.status_code == HTTPStatus.OK
    assert "Terima kasih" in response.content.decode()
    assert Response.objects.count() == 2
    assert Answer.objects.filter(question_code="friends", number_value=3).count() == 1
    print("\n".join(q["sql"][:160] for q in queries.captured_queries))
    assert len(queries) <= 99
