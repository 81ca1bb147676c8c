"""What the read-only API answers, to whom: public data without a key, an official's view with a personal token,
JSON errors, never a single child's answer."""

from http import HTTPStatus

import pytest
from django.test import override_settings

from api.models import ApiToken, digest
from cms.roles import Role
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


def test_the_description_is_openapi_3_and_lists_every_operation(client):
    description = client.get("/api/v1/openapi.json").json()
    assert description["openapi"].startswith("3.")
    assert {
        "/api/v1/surveys",
        "/api/v1/surveys/{survey_id}",
        "/api/v1/surveys/{survey_id}/results",
        "/api/v1/indicators",
        "/api/v1/campaigns",
        "/api/v1/consultations",
        "/api/v1/official/surveys/{survey_id}/results",
    } <= set(description["paths"])
    assert all("get" in operations and len(operations) == 1 for operations in description["paths"].values())


def test_a_published_survey_lists_its_questions_and_its_open_data(client, published_results):
    surveys = client.get("/api/v1/surveys").json()
    assert [survey["id"] for survey in surveys] == [published_results.pk]
    assert surveys[0]["open_data_url"] == f"/hasil/data/{published_results.pk}.zip"
    detail = client.get(f"/api/v1/surveys/{published_results.pk}").json()
    published = {question["code"] for question in detail["questions"] if question["has_public_results"]}
    assert published == {"safe_school", "bullied", "bullied_where"}


def test_public_results_are_the_published_questions_suppressed_never_a_response(client, published_results):
    response = client.get(f"/api/v1/surveys/{published_results.pk}/results", {"rinci": "kecamatan"})
    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert [question["code"] for question in body["questions"]] == ["safe_school", "bullied", "bullied_where"]
    cells = [
        cell
        for question in body["questions"]
        for row in question["table"]["rows"]
        for cell in [*row["cells"], row["total"]]
    ]
    k = published_results.min_group_size
    assert any(cell["is_suppressed"] for cell in cells), "the kecamatan with two children is hidden"
    assert all(cell["value"] is None or cell["value"] == 0 or cell["value"] >= k for cell in cells)
    assert all(cell["value"] is None or cell["value"] % 5 == 0 for cell in cells), "every number is rounded"
    assert "wish" not in response.content.decode()


def test_the_public_cannot_filter_by_school_age_or_sex(client, published_results):
    """Those filters are an official's: the public query ignores them, so the answer is the whole city's."""
    url = f"/api/v1/surveys/{published_results.pk}/results"
    plain = client.get(url).json()
    narrowed = client.get(url, {"jk": "female", "umur": "13-15", "sekolah": "1"}).json()
    assert narrowed["questions"] == plain["questions"] and narrowed["filters"] == ""
    assert client.get(url, {"rinci": "sex"}).status_code == HTTPStatus.BAD_REQUEST


def test_a_survey_without_published_results_has_no_public_results(client, survey):
    assert client.get(f"/api/v1/surveys/{survey.pk}/results").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/api/v1/surveys/999999/results").status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    "query", [{"dari": "kemarin"}, {"kecamatan": "99.99"}, {"dari": "2026-05", "sampai": "2026-01"}]
)
def test_bad_filters_are_a_json_400_saying_which(client, published_results, query):
    response = client.get(f"/api/v1/surveys/{published_results.pk}/results", query)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_a_request_the_guard_refuses_is_json_under_the_api(client):
    response = client.get("/api/v1/surveys?dari=%00")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"].startswith("application/json") and response.json()["detail"]
    assert client.get("/hasil/?dari=%00")["Content-Type"].startswith("text/html")


def test_the_indicator_table_per_period_and_area(client, published_results):
    from cms.models import Region

    kecamatan = Region.objects.kecamatan().first()
    body = client.get("/api/v1/indicators", {"dari": "2026-01", "sampai": "2026-12", "kecamatan": kecamatan.code})
    assert body.status_code == HTTPStatus.OK
    data = body.json()
    assert (data["period_start"], data["period_end"], data["area"]) == ("2026-01-01", "2026-12-31", str(kecamatan))
    assert data["indicators"] and all(row["area"] == str(kecamatan) for row in data["indicators"])


def test_official_operations_need_a_live_token(client, published_results, official_token, official):
    url = f"/api/v1/official/surveys/{published_results.pk}/results"
    assert client.get(url).status_code == HTTPStatus.UNAUTHORIZED
    assert client.get(url, **bearer("suara_not-a-token")).status_code == HTTPStatus.UNAUTHORIZED
    client.force_login(official)
    assert client.get(url).status_code == HTTPStatus.UNAUTHORIZED, "a session is not a token"
    assert client.get(url, {"jk": "female"}, **bearer(official_token)).status_code == HTTPStatus.OK
    ApiToken.objects.get().revoke()
    assert client.get(url, **bearer(official_token)).status_code == HTTPStatus.UNAUTHORIZED


def test_a_token_stops_working_when_its_owner_loses_the_role(client, published_results, official_token, official):
    official.groups.clear()
    response = client.get("/api/v1/official/whoami", **bearer(official_token))
    assert response.status_code == HTTPStatus.UNAUTHORIZED


def test_a_token_is_stored_only_as_its_hash(official_token):
    token = ApiToken.objects.get()
    assert token.key_hash == digest(official_token) and official_token not in token.key_hash
    assert official_token.startswith(token.key_start) and len(token.key_start) < len(official_token) // 3


def test_consultations_come_with_their_delivered_summary_and_the_agencys_answer(client, make_consultation):
    from forum.models import AnswerDecision, ConsultationAnswer, ConsultationInput, ConsultationSummary

    consultation = make_consultation("ktr")
    ConsultationInput.objects.create(
        consultation=consultation, text="Rokok di depan sekolahku", submitted_on="2026-01-02"
    )
    ConsultationSummary.objects.create(
        consultation=consultation,
        text="Anak minta kawasan sekolah bebas rokok.",
        delivered_on="2026-02-01",
        delivered_to="Kepala Dinas Kesehatan",
    )
    ConsultationAnswer.objects.create(
        consultation=consultation,
        decision=AnswerDecision.PARTLY_ACCEPTED,
        reasons="Sebagian.",
        next_steps="Razia.",
    )
    response = client.get("/api/v1/consultations")
    listed = response.json()
    assert [item["id"] for item in listed] == [consultation.pk]
    assert listed[0]["summary"]["delivered_to"] == "Kepala Dinas Kesehatan"
    assert listed[0]["answer"]["decision"] == "partly" and listed[0]["answer"]["decision_label"] == "Diterima sebagian"
    assert "Rokok di depan sekolahku" not in response.content.decode(), "a child's own words are not listed"


def test_an_undelivered_summary_is_not_published(client, make_consultation):
    from forum.models import ConsultationSummary

    ConsultationSummary.objects.create(consultation=make_consultation("ktr"), text="Draf rangkuman.")
    assert client.get("/api/v1/consultations").json()[0]["summary"] is None


def test_campaigns_are_listed_with_their_theme(client, home):
    assert client.get("/api/v1/campaigns").json() == []


@override_settings(API_RATE_ANONYMOUS="2/m", API_RATE_TOKEN="3/m")
def test_callers_are_rate_limited_per_address_and_per_token(client, official_token):
    anonymous = [client.get("/api/v1/campaigns").status_code for _ in range(3)]
    with_token = [client.get("/api/v1/official/whoami", **bearer(official_token)).status_code for _ in range(4)]
    assert anonymous == [HTTPStatus.OK, HTTPStatus.OK, HTTPStatus.TOO_MANY_REQUESTS]
    assert with_token == [HTTPStatus.OK] * 3 + [HTTPStatus.TOO_MANY_REQUESTS]


def test_other_roles_cannot_reach_the_token_page(client, make_user):
    for role in (Role.FORUM_MEMBER, Role.SCHOOL_COORDINATOR):
        client.force_login(make_user(role, email=f"{role.name}@example.test"))
        assert client.get("/staf/api/token/").status_code == HTTPStatus.FORBIDDEN


def test_every_operation_and_the_open_data_download_read_from_the_replica(
    client, published_results, official_token, monkeypatch
):
    """With a replica (cms.replica), each operation of the description and the open-data package read inside
    ``replica_reads``; the official's token is checked before, on the primary."""
    from contextlib import contextmanager

    from cms import replica

    entered: list[str] = []
    checking_token: list[bool] = []
    authenticate = ApiToken.objects.authenticate

    @contextmanager
    def recording():
        entered.append("replica")
        yield

    def authenticate_on_primary(raw):
        checking_token.append(bool(entered))
        return authenticate(raw)

    monkeypatch.setattr(replica, "replica_reads", recording)
    monkeypatch.setattr(ApiToken.objects, "authenticate", authenticate_on_primary)
    survey = published_results
    paths = sorted(client.get("/api/v1/openapi.json").json()["paths"])
    assert any(path.startswith("/api/v1/official/") for path in paths)
    for path in [*paths, f"/hasil/data/{survey.pk}.zip"]:
        entered.clear()
        checking_token.clear()
        response = client.get(path.replace("{survey_id}", str(survey.pk)), **bearer(official_token))
        assert response.status_code == 200, (path, response.status_code)
        assert entered == ["replica"], path
        assert not any(checking_token), f"{path}: the token was checked on the replica"
