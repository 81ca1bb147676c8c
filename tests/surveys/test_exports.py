import csv
import io
import uuid
from http import HTTPStatus

import pytest
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from surveys.exports import FIXED_COLUMNS
from surveys.services import submit_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(survey, school):
    submit_response(survey, token=uuid.uuid4(), answers={"safe_school": "3", "bullied": "no", "wish": "Taman"})
    submit_response(
        survey,
        token=uuid.uuid4(),
        answers={"safe_school": "1", "bullied": "yes", "bullied_where": ["classroom", "online"], "wish": "=1+1"},
        school=school,
        school_level="SD",
        age_band="10-12",
    )
    return survey


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_has_one_row_per_response_with_codes_labels_and_version(client, answered, facilitator, school):
    client.force_login(facilitator)
    response = client.get(f"/staf/survei/{answered.pk}/ekspor.csv")
    assert response.status_code == HTTPStatus.OK
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert len(rows) == 2
    second = rows[1]
    assert second["version"] == "1"
    assert second["school"] == school.name and second["school_level"] == "SD"
    assert second["age_band"] == "10-12" and second["age_band_label"] == "10–12 tahun"
    assert second["bullied_where"] == "classroom;online"
    assert second["bullied_where_label"] == "Di kelas;Lewat internet"
    assert second["safe_school"] == "1" and "Sangat tidak setuju" in second["safe_school_label"]
    assert second["wish"] == "'=1+1", "a child's text never runs as a spreadsheet formula"


def test_export_holds_only_what_is_stored(client, answered, facilitator):
    client.force_login(facilitator)
    header = list(read_csv(client.get(f"/staf/survei/{answered.pk}/ekspor.csv"))[0].keys())
    questions = ["safe_school", "bullied", "bullied_where", "told_someone", "friends", "wish"]
    assert header == FIXED_COLUMNS + [name for code in questions for name in (code, f"{code}_label")]
    assert not {"ip", "ip_address", "time", "user_agent", "session", "submission_token"} & set(header)


def test_free_text_only_for_readers_with_the_safeguarding_permission(client, answered, official):
    client.force_login(official)
    rows = read_csv(client.get(f"/staf/survei/{answered.pk}/ekspor.csv"))
    assert "wish" not in rows[0] and "safe_school" in rows[0]
    assert "Taman" not in str(rows)


def test_xlsx_export_matches_the_csv(client, answered, facilitator):
    client.force_login(facilitator)
    response = client.get(f"/staf/survei/{answered.pk}/ekspor.xlsx")
    assert response.status_code == HTTPStatus.OK
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3
    assert rows[0][: len(FIXED_COLUMNS)] == tuple(FIXED_COLUMNS)


def test_filters_narrow_the_rows_and_every_export_is_audit_logged(client, answered, facilitator, school):
    client.force_login(facilitator)
    rows = read_csv(client.get(f"/staf/survei/{answered.pk}/ekspor.csv?school={school.pk}&school_level=SD"))
    assert len(rows) == 1
    client.get(f"/staf/survei/{answered.pk}/ekspor.xlsx")
    entries = PageLogEntry.objects.filter(action="suara_anak.export").order_by("pk")
    assert [(e.user, e.page_id) for e in entries] == [(facilitator, answered.pk)] * 2
    assert entries[0].data == {
        "kind": "jawaban",
        "survey": answered.pk,
        "format": "csv",
        "filters": {"school": school.pk, "school_level": "SD"},
        "free_text": True,
    }
    assert entries[1].data["format"] == "xlsx" and entries[1].data["filters"] == {}


def test_administrators_read_exports_in_the_site_history(client, answered, facilitator, make_user):
    client.force_login(facilitator)
    client.get(f"/staf/survei/{answered.pk}/ekspor.csv")
    client.force_login(make_user(superuser=True, email="admin@example.test"))
    page = client.get("/admin/reports/site-history/").content.decode()
    assert "Jawaban survei diekspor" in page


@pytest.mark.parametrize("role", ["anonymous", "forum_member", "school_coordinator"])
def test_exports_are_refused_without_the_export_permission(client, answered, make_user, role):
    from cms.roles import Role

    if role != "anonymous":
        client.force_login(make_user(Role.FORUM_MEMBER if role == "forum_member" else Role.SCHOOL_COORDINATOR))
    response = client.get(f"/staf/survei/{answered.pk}/ekspor.csv")
    assert response.status_code in (HTTPStatus.FORBIDDEN, HTTPStatus.FOUND)
    assert "text/csv" not in response.get("Content-Type", "")
    assert not PageLogEntry.objects.filter(action="suara_anak.export").exists()


def test_an_invalid_filter_gets_a_clear_400(client, answered, facilitator):
    client.force_login(facilitator)
    response = client.get(f"/staf/survei/{answered.pk}/ekspor.csv?date_from=kemarin")
    assert response.status_code == HTTPStatus.BAD_REQUEST
