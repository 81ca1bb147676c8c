"""Responses as rows for CSV and XLSX: one row per response, every question as its codes and its labels.

Only what is stored goes out (the day, coarse facts, the version, the answers); free text only when the reader may
see it. Labels come from the version each response answered, so old answers keep the words the child read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_noop

from cms.models import Download, DownloadStatus
from cms.queue import is_last_attempt
from cms.spreadsheets import Sheet, stream_csv, stream_xlsx
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


CHUNK_SIZE = 5000
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


def answer_values(response_ids: list[int]) -> dict[int, dict[str, list[str]]]:
    """The stored answers of these responses as text, by response and question code, in the order they were stored."""
    answers: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for response_id, code, choice, number, text in (
        Answer.objects.filter(response_id__in=response_ids)
        .order_by("pk")
        .values_list("response_id", "question_code", "choice_code", "number_value", "text_value")
        .iterator(chunk_size=CHUNK_SIZE * 4)
    ):
        value = choice if choice is not None else str(number) if number is not None else text
        answers[response_id][code].append(value)
    return answers


def export_rows(
    responses, survey: SurveyPage, *, free_text: bool, on_chunk: Callable[[int], None] | None = None
) -> Iterator[list]:
    """The header, then one row per response of ``responses`` (a queryset of this survey's responses), in order.

    Responses are read in chunks of ``CHUNK_SIZE`` by id, each with its answers in one query, as plain values: memory
    stays flat at any number of responses. ``on_chunk`` is told how many rows each chunk added (for a progress bar).
    """
    questions = columns_for(survey, free_text=free_text)
    yield FIXED_COLUMNS + [name for q in questions for name in (q.code, f"{q.code}_label")]
    plans: dict[int, list] = {}
    age_labels = {code: str(label) for code, label in AgeBand.choices}
    sex_labels = {code: str(label) for code, label in Sex.choices}
    last = 0
    while True:
        chunk = list(responses.filter(pk__gt=last).order_by("pk").values_list(*RESPONSE_FIELDS)[:CHUNK_SIZE])
        if not chunk:
            return
        last = chunk[-1][0]
        answers = answer_values([values[0] for values in chunk])
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
                school or "",
                level,
                kecamatan_code or "",
                kecamatan or "",
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
                    row += (";".join(values), "")
                else:
                    row += (";".join(values), ";".join([labels.get(value, value) for value in values]))
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
    sheet = Sheet(
        title="responses", rows=export_rows(responses, survey, free_text=params["free_text"], on_chunk=advance)
    )
    download.path.parent.mkdir(parents=True, exist_ok=True)
    partial = download.path.with_suffix(".part")
    if download.file_format == "csv":
        with open(partial, "w", encoding="utf-8", newline="") as file:
            stream_csv(sheet, file)
    else:
        stream_xlsx(sheet, partial)
    partial.replace(download.path)


def run_export(download_id: str) -> None:
    """The export job: the file for the download ``download_id``. A failure is retried; after the last attempt the
    reader is told in words, on the download's page."""
    download = Download.objects.get(pk=download_id)
    try:
        with translation.override(download.params.get("language") or settings.LANGUAGE_CODE):
            write_export(download)
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
