"""Responses as rows for CSV and XLSX: one row per response, every question as its codes and its labels.

Only what is stored goes out (the day, coarse facts, the version, the answers); free text only when the reader may
see it. Labels come from the version each response answered, so old answers keep the words the child read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.conf import settings
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext_noop

from cms.models import Download, DownloadStatus
from cms.queue import is_last_attempt
from cms.spreadsheets import Sheet, safe_cell, stream_csv, stream_xlsx
from cms.vocabulary import AgeBand, Sex
from surveys.definition import Definition, Question
from surveys.forms import ExportFilterForm
from surveys.models import Answer, Response, SurveyPage, SurveyVersion

FIXED_COLUMNS = [
    "response_id",
    "version",
    "submitted_on",
    "school",
    "school_level",
    "kecamatan_code",
    "kecamatan",
    "age_band",
    "age_band_label",
    "sex",
    "sex_label",
]


def columns_for(survey: SurveyPage, *, free_text: bool) -> list[Question]:
    """Every question of every version, newest order first; text questions only with ``free_text``."""
    questions: dict[str, Question] = {}
    for version in SurveyVersion.objects.filter(survey=survey.survey).order_by("-number"):
        for question in version.get_definition().questions():
            if question.is_text and not free_text:
                continue
            questions.setdefault(question.code, question)
    return list(questions.values())


CHUNK_SIZE = 10_000
RESPONSE_FIELDS = (
    "pk",
    "version_id",
    "version__number",
    "submitted_on",
    "school__name",
    "school_level",
    "kecamatan__code",
    "kecamatan__name",
    "age_band",
    "sex",
)


def label_plan(definition: Definition, questions: list[Question]) -> list[tuple[str, dict[str, str] | None]]:
    """Per column question, its choices' labels in ``definition`` (the version a response answered), or None when
    the version asks it without choices or not at all: the cells then hold the values alone."""
    plan = []
    for column in questions:
        question = definition.question(column.code)
        if question is None or not question.is_choice:
            plan.append((column.code, None))
        else:
            plan.append((column.code, {choice.code: str(choice.label) for choice in question.answer_choices()}))
    return plan


ANSWERS_SQL = f"""
    SELECT response_id, question_code, COALESCE(choice_code, CAST(number_value AS TEXT), text_value)
    FROM {Answer._meta.db_table} WHERE response_id > %s AND response_id <= %s ORDER BY id
"""  # noqa: S608 (the model's table name; values are parameters)


def answer_values(low: int, high: int) -> dict[int, dict[str, str]]:
    """The stored answers of the responses with ids in (``low``, ``high``], by response and question code, each
    question's values joined with ";" in the order they were stored.

    One plain query for the whole range, read as tuples: at a million responses, Django's model machinery per
    answer would cost more than the rest of the export.
    """
    answers: dict[int, dict[str, str]] = {}
    with connection.cursor() as cursor:
        cursor.execute(ANSWERS_SQL, [low, high])
        for response_id, code, value in cursor.fetchall():
            given = answers.get(response_id)
            if given is None:
                given = answers[response_id] = {}
            prior = given.get(code)
            given[code] = value if prior is None else f"{prior};{value}"
    return answers


def export_rows(
    responses, survey: SurveyPage, *, free_text: bool, on_chunk: Callable[[int], None] | None = None
) -> Iterator[list]:
    """The header, then one row per response of ``responses`` (a queryset of this survey's responses), in order,
    every cell already made safe for a spreadsheet (:func:`cms.spreadsheets.safe_cell`; a sheet of them is
    ``escaped``).

    Responses are read in chunks of ``CHUNK_SIZE`` by id, each with its answers in one query, as plain values: memory
    stays flat at any number of responses. ``on_chunk`` is told how many rows each chunk added (for a progress bar).
    """
    questions = columns_for(survey, free_text=free_text)
    yield FIXED_COLUMNS + [name for q in questions for name in (q.code, f"{q.code}_label")]
    plans: dict[int, list] = {}
    age_labels = {code: safe_cell(str(label)) for code, label in AgeBand.choices}
    sex_labels = {code: safe_cell(str(label)) for code, label in Sex.choices}
    last = 0
    while True:
        chunk = list(responses.filter(pk__gt=last).order_by("pk").values_list(*RESPONSE_FIELDS)[:CHUNK_SIZE])
        if not chunk:
            return
        low, last = last, chunk[-1][0]
        answers = answer_values(low, last)
        for pk, version_id, number, day, school, level, kecamatan_code, kecamatan, age, sex in chunk:
            plan = plans.get(version_id)
            if plan is None:
                plan = plans[version_id] = label_plan(
                    SurveyVersion.objects.get(pk=version_id).get_definition(), questions
                )
            row = [
                pk,
                number,
                day.isoformat(),
                safe_cell(school or ""),
                level,
                kecamatan_code or "",
                safe_cell(kecamatan or ""),
                age,
                age_labels.get(age, ""),
                sex,
                sex_labels.get(sex, ""),
            ]
            given = answers.get(pk, {})
            for code, labels in plan:
                values = given.get(code)
                if not values:
                    row += ("", "")
                elif labels is None:
                    row += (safe_cell(values), "")
                else:
                    names = ";".join([labels.get(value, value) for value in values.split(";")])
                    row += (safe_cell(values), safe_cell(names))
            yield row
        if on_chunk is not None:
            on_chunk(len(chunk))


def export_queryset(survey: SurveyPage, filters: dict):
    """The responses an export of ``survey`` with these filters holds (a form's data; an invalid one is a ValueError)."""
    form = ExportFilterForm(filters)
    if not form.is_valid():
        raise ValueError(form.errors.as_text())
    return form.filter(Response.objects.for_survey(survey).by_audience())


def write_export(download: Download) -> None:
    """Write ``download``'s export to its file, telling its progress as the rows go out."""
    params = download.params
    survey = SurveyPage.objects.get(pk=params["survey"])
    responses = export_queryset(survey, params.get("filters", {}))
    total = max(responses.count(), 1)
    done = 0

    def advance(rows: int) -> None:
        nonlocal done
        done += rows
        download.set_progress(min(99, done * 100 // total))

    download.set_progress(0)
    rows = export_rows(responses, survey, free_text=params["free_text"], on_chunk=advance)
    sheet = Sheet(title="responses", rows=rows, escaped=True)
    download.path.parent.mkdir(parents=True, exist_ok=True)
    partial = download.path.with_suffix(".part")
    if download.file_format == "csv":
        with open(partial, "w", encoding="utf-8", newline="") as file:
            stream_csv(sheet, file)
    else:
        stream_xlsx(sheet, partial)
    partial.replace(download.path)


def fill_download(download_id: str, write: Callable[[Download], None]) -> None:
    """A job's common part: ``write`` the file of the download ``download_id`` in the reader's language, then mark it
    ready. A failure is retried; after the last attempt the reader is told in words, on the download's page."""
    download = Download.objects.get(pk=download_id)
    try:
        with translation.override(download.params.get("language") or settings.LANGUAGE_CODE):
            write(download)
    except Exception:
        if is_last_attempt():
            download.status = DownloadStatus.FAILED
            download.error = gettext_noop(
                "Berkas tidak bisa dibuat, juga setelah dicoba lagi. Silakan minta ekspor sekali lagi; bila gagal "
                "lagi, hubungi administrator."
            )
            download.save(update_fields=["status", "error"])
        raise
    download.file = download.path.name
    download.progress = 100
    download.status = DownloadStatus.DONE
    download.save(update_fields=["file", "progress", "status"])


def run_export(download_id: str) -> None:
    """The export job: the file for the download ``download_id``."""
    fill_download(download_id, write_export)
