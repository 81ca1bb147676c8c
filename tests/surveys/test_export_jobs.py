import csv
import io
import uuid
from http import HTTPStatus

import pytest
from django.conf import settings
from openpyxl import load_workbook

from cms.models import Download, DownloadStatus
from cms.roles import Role
from surveys import exports
from surveys.services import submit_response

pytestmark = pytest.mark.django_db

FAILURE_WORDS = "Berkas tidak bisa dibuat, juga setelah dicoba lagi."


@pytest.fixture
def answered(survey, school):
    for number in range(5):
        submit_response(
            survey,
            token=uuid.uuid4(),
            answers={"safe_school": str(number % 4 + 1), "bullied": "yes", "bullied_where": ["classroom", "online"]},
            school=school if number % 2 else None,
            school_level="SD" if number % 2 else "",
            age_band="10-12",
        )
    submit_response(survey, token=uuid.uuid4(), answers={"wish": "=1+1", "bullied": "no"})
    return survey


@pytest.fixture
def downloads_root(settings, tmp_path):
    settings.DOWNLOADS_ROOT = tmp_path
    return tmp_path


def ask_for_job(client, survey, file_format: str, settings, query: str = ""):
    settings.EXPORT_DIRECT_ROWS = 2
    response = client.get(f"/staf/survei/{survey.pk}/ekspor.{file_format}{query}")
    assert response.status_code == HTTPStatus.FOUND
    return Download.objects.get(), response["Location"]


def test_export_up_to_the_limit_downloads_at_once(client, answered, facilitator, settings, downloads_root):
    settings.EXPORT_DIRECT_ROWS = 6
    client.force_login(facilitator)
    response = client.get(f"/staf/survei/{answered.pk}/ekspor.csv")
    assert response.status_code == HTTPStatus.OK and "attachment" in response["Content-Disposition"]
    assert not Download.objects.exists()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_over_the_limit_is_a_job_whose_file_equals_the_direct_export(
    client, answered, facilitator, settings, downloads_root, job_queue, file_format
):
    client.force_login(facilitator)
    query = "?school_level=&date_from=2000-01-01"
    direct = client.get(f"/staf/survei/{answered.pk}/ekspor.{file_format}{query}").content

    download, location = ask_for_job(client, answered, file_format, settings, query)
    assert location == f"/staf/survei/unduhan/{download.pk}/"
    assert download.owner == facilitator and download.params["filters"] == {"date_from": "2000-01-01"}
    job_queue.run()
    download.refresh_from_db()
    assert download.status == DownloadStatus.DONE and download.progress == 100
    page = client.get(location)
    assert f"/staf/survei/unduhan/{download.pk}/berkas" in page.content.decode()
    response = client.get(f"/staf/survei/unduhan/{download.pk}/berkas")
    assert response.status_code == HTTPStatus.OK
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment")
    content = b"".join(response.streaming_content)
    if file_format == "csv":
        assert content == direct
        assert len(list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))) == 7
    else:
        read = [list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)) for data in (content, direct)]
        assert read[0] == read[1] and len(read[0]) == 7


def test_the_job_reads_rows_in_chunks_with_the_same_rows(answered, monkeypatch):
    """The export reads responses chunk by chunk: a chunk smaller than the rows gives the same rows."""
    from surveys.models import Response

    responses = Response.objects.for_survey(answered)
    whole = list(exports.export_rows(responses, answered, free_text=True))
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    chunks = []
    chunked = list(exports.export_rows(responses, answered, free_text=True, on_chunk=chunks.append))
    assert chunked == whole and chunks == [2, 2, 2]


def test_progress_page_refreshes_itself_without_javascript_until_the_file_is_ready(
    client, answered, facilitator, settings, downloads_root, real_job_queue
):
    client.force_login(facilitator)
    download, location = ask_for_job(client, answered, "csv", settings)
    page = client.get(location)
    assert page.status_code == HTTPStatus.OK
    html = page.content.decode()
    assert '<meta http-equiv="refresh"' in html and "<progress" in html and "<script" not in html.split("<main")[-1]
    assert "no-store" in page["Cache-Control"]
    assert client.get(f"{location}berkas").status_code == HTTPStatus.NOT_FOUND, "no file before it is made"
    real_job_queue.run()
    html = client.get(location).content.decode()
    assert '<meta http-equiv="refresh"' not in html and "Unduh berkas" in html


def test_a_failing_job_is_retried_then_tells_the_reader_in_words(
    client, answered, facilitator, settings, downloads_root, real_job_queue, monkeypatch
):
    attempts = []

    def broken(download):
        attempts.append(download.pk)
        raise OSError("disk full")

    monkeypatch.setattr(exports, "write_export", broken)
    client.force_login(facilitator)
    download, location = ask_for_job(client, answered, "csv", settings)
    real_job_queue.run()
    assert len(attempts) == 1 + settings.JOB_RETRIES
    download.refresh_from_db()
    assert download.status == DownloadStatus.FAILED
    html = client.get(location).content.decode()
    assert FAILURE_WORDS in html and "disk full" not in html and '<meta http-equiv="refresh"' not in html
    assert client.get(f"{location}berkas").status_code == HTTPStatus.NOT_FOUND
    client.cookies["django_language"] = "en"
    html = client.get(f"/en{location}").content.decode()
    assert "could not be made" in html


def test_a_job_that_fails_once_succeeds_on_its_retry(
    client, answered, facilitator, settings, downloads_root, real_job_queue, monkeypatch
):
    real_write = exports.write_export
    attempts = []

    def flaky(download):
        attempts.append(1)
        if len(attempts) == 1:
            raise ConnectionError("database restarted")
        real_write(download)

    monkeypatch.setattr(exports, "write_export", flaky)
    client.force_login(facilitator)
    download, _location = ask_for_job(client, answered, "csv", settings)
    real_job_queue.run()
    download.refresh_from_db()
    assert len(attempts) == 2 and download.status == DownloadStatus.DONE and not download.error


ROLE_USERS = {
    "forum_member": {"role": Role.FORUM_MEMBER},
    "school_coordinator": {"role": Role.SCHOOL_COORDINATOR},
    "official": {"role": Role.OFFICIAL},
    "facilitator": {"role": Role.FACILITATOR},
    "administrator": {"superuser": True},
}


@pytest.mark.parametrize("role", ROLE_USERS)
def test_only_its_owner_sees_a_download_and_its_file(
    client, answered, facilitator, make_user, settings, downloads_root, job_queue, role
):
    client.force_login(facilitator)
    download, location = ask_for_job(client, answered, "csv", settings)
    job_queue.run()
    spec = ROLE_USERS[role]
    other = make_user(spec.get("role"), superuser=spec.get("superuser", False), email=f"other-{role}@example.test")
    client.force_login(other)
    assert client.get(location).status_code == HTTPStatus.NOT_FOUND
    assert client.get(f"{location}berkas").status_code == HTTPStatus.NOT_FOUND
    client.logout()
    response = client.get(f"{location}berkas")
    assert response.status_code == HTTPStatus.FOUND and "/akun/login/" in response["Location"]
    client.force_login(facilitator)
    assert client.get(f"{location}berkas").status_code == HTTPStatus.OK


def test_a_job_export_is_audit_logged_when_asked_for(client, answered, facilitator, settings, downloads_root):
    from wagtail.models import PageLogEntry

    client.force_login(facilitator)
    ask_for_job(client, answered, "xlsx", settings)
    entry = PageLogEntry.objects.get(action="suara_anak.export")
    assert entry.user == facilitator and entry.data["format"] == "xlsx"


def test_the_limit_is_two_thousand_rows_by_default():
    assert settings.EXPORT_DIRECT_ROWS == 2000 and settings.JOB_RETRIES == 2
