"""XLSForm import (issue #20, points 1 and 6): supported rows become a draft survey, the rest is refused by sheet,
row and column, nothing is created half, and the admin upload and download are permission-checked and logged."""

import io
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.translation import override
from openpyxl import Workbook, load_workbook
from wagtail.models import Locale, Page, PageLogEntry

from cms.roles import Role
from surveys.models import SurveyPage
from surveys.xlsform.reading import XLSFormRefused, import_xlsform, read_xlsform

pytestmark = pytest.mark.django_db

FORMS = Path(__file__).resolve().parent / "xlsforms"
HEADER = ["type", "name", "label::Indonesian (id)", "label::English (en)", "hint::Indonesian (id)", "required"]
HEADER += ["relevant", "appearance", "constraint"]
CHOICES = [
    ["list_name", "name", "label::Indonesian (id)", "label::English (en)"],
    ["yn", "yes", "Ya", "Yes"],
    ["yn", "no", "Tidak", "No"],
    ["place", "class", "Di kelas", "In class"],
    ["place", "online", "Di internet", "Online"],
    ["often", "never", "Tidak pernah", "Never"],
    ["often", "once", "Sekali", "Once"],
    ["often", "some", "Beberapa kali", "A few times"],
    ["often", "week", "Tiap minggu", "Every week"],
]
GOOD_ROWS = [
    ["begin group", "aman", "Merasa aman", "Feeling safe"],
    ["note", "n1", "Jawab dengan jujur.", "Answer honestly."],
    ["select_one often", "bullied", "Pernah dirundung?", "Bullied?", "Pikirkan 30 hari", "yes", "", "likert"],
    ["select_one yn", "told", "Bercerita?", "Told someone?", "", "", "${bullied} = 'some' or ${bullied} = 'week'"],
    ["select_multiple place", "where", "Di mana?", "Where?", "", "", "${told} = 'yes'"],
    ["end group"],
    ["begin group", "lain", "Lainnya", "Other", "", "", "selected(${where}, 'online')"],
    ["integer", "friends", "Berapa teman?", "How many friends?", "", "", "", "", ". >= 0 and . <= 50"],
    ["decimal", "hours", "Berapa jam?", "How many hours?"],
    ["text", "wish", "Harapanmu?", "Your wish?", "", "", "", "multiline"],
    ["text", "name_of_game", "Permainan?", "Game?"],
    ["end group"],
]


def xlsform(rows, *, choices=CHOICES, header=HEADER, settings=(("form_title", "version"), ("Survei Impor", "7"))):
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    for row in [header, *rows]:
        survey.append(list(row))
    sheet = book.create_sheet("choices")
    for row in choices:
        sheet.append(list(row))
    sheet = book.create_sheet("settings")
    for row in settings:
        sheet.append(list(row))
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def test_every_supported_row_becomes_part_of_a_draft_survey_in_both_languages(survey_index):
    page, form = import_xlsform(xlsform(GOOD_ROWS), survey_index)
    assert form.problems == [] and form.version == "7"
    assert not page.live and page.title == "Survei Impor"
    definition = page.get_definition()
    first, second = definition.sections
    assert (first.title, first.intro, second.title) == ("Merasa aman", "Jawab dengan jujur.", "Lainnya")
    types = {question.code: question.type for question in definition.questions()}
    assert types == {
        "bullied": "likert4",
        "told": "single",
        "where": "multiple",
        "friends": "number",
        "hours": "number",
        "wish": "long_text",
        "name_of_game": "short_text",
    }
    bullied = definition.question("bullied")
    assert bullied.faces and bullied.required and bullied.help_text == "Pikirkan 30 hari"
    assert [c.code for c in bullied.choices] == ["never", "once", "some", "week"]
    assert definition.question("told").show_if.values == ("some", "week")
    assert definition.question("where").show_if.question == "told"
    assert second.show_if.question == "where" and second.show_if.values == ("online",)
    friends = definition.question("friends")
    assert (friends.min_value, friends.max_value, friends.required) == (0, 50, False)
    english = page.get_translation(Locale.objects.get(language_code="en")).specific.get_definition()
    assert english.question("told").label == "Told someone?"
    assert [c.label for c in english.question("where").choices] == ["In class", "Online"]
    assert english.sections[0].title == "Feeling safe"
    assert PageLogEntry.objects.filter(page=page, action="suara_anak.xlsform_import").exists()


REFUSED = [
    (["calculate", "calc", "", "", "", "", "", "", "", "", "", "", "1 + 1"], "survey", "type"),
    (["select_one yn", "q", "Tanya", "Ask", "", "", "", "", "", "name = 'yes'"], "survey", "choice_filter"),
    (["begin repeat", "kids", "Anak"], "survey", "type"),
    (["text", "q", "Tanya", "Ask", "", "", "", "", "", "", "foto.jpg"], "survey", "media::image"),
    (["integer", "q", "Umur", "Age", "", "", "", "", "regex(., '[0-9]')"], "survey", "constraint"),
    (["text", "q", "Tanya", "Ask", "", "", "${told} != 'yes'"], "survey", "relevant"),
    (["text", "q", "Tanya", "Ask", "", "${told} = 'yes'"], "survey", "required"),
    (["select_one yn or_other", "q", "Tanya", "Ask"], "survey", "type"),
    (["text", "q", "Tanya", "Ask", "", "", "", "", "", "", "", "isi"], "survey", "default"),
    (["geopoint", "where_exactly", "Lokasi"], "survey", "type"),
]


@pytest.mark.parametrize(("row", "sheet", "column"), REFUSED, ids=[f"{r[0][0]}/{r[2]}" for r in REFUSED])
def test_an_unsupported_row_is_refused_naming_its_sheet_row_and_column_and_nothing_is_created(
    row, sheet, column, survey_index
):
    header = [*HEADER, "choice_filter", "media::image", "default", "calculation"]
    rows = [*GOOD_ROWS[:5], row, *([["end repeat"]] if row[0] == "begin repeat" else []), *GOOD_ROWS[5:]]
    pages = Page.objects.count()
    with pytest.raises(XLSFormRefused) as refused:
        import_xlsform(xlsform(rows, header=header), survey_index)
    problem = refused.value.problems[0]
    assert (problem.sheet, problem.row, problem.column) == (sheet, 7, column)
    assert Page.objects.count() == pages, "nothing half-imported"
    assert "baris 7" in str(problem)
    with override("en"):
        english = str(read_xlsform(xlsform(rows, header=header)).problems[0])
    assert "row 7" in english and english != str(problem)


def test_without_strict_the_refused_rows_are_left_out_and_the_rest_kept(survey_index):
    rows = [*GOOD_ROWS[:5], ["geopoint", "calc", "Lokasi"], *GOOD_ROWS[5:]]
    page, form = import_xlsform(xlsform(rows), survey_index, strict=False)
    assert [(p.row, p.column) for p in form.problems] == [(7, "type")]
    assert "calc" not in {q.code for q in page.get_definition().questions()}
    assert len(page.get_definition().questions()) == 7


def test_a_question_depending_on_a_refused_row_is_refused_too(survey_index):
    rows = [["geopoint", "calc", "Lokasi"], ["text", "q", "Tanya", "Ask", "", "", "${calc} = 'x'"], GOOD_ROWS[8]]
    form = read_xlsform(xlsform(rows))
    assert [(p.row, p.column) for p in form.problems] == [(2, "type"), (3, "relevant")]


def test_a_form_with_nothing_importable_or_not_an_xlsform_creates_nothing(survey_index):
    pages = Page.objects.count()
    for content in (xlsform([["geopoint", "calc", "Lokasi"]]), b"not a workbook"):
        with pytest.raises(XLSFormRefused):
            import_xlsform(content, survey_index, strict=False)
    assert Page.objects.count() == pages


def test_a_failure_while_creating_the_translation_leaves_no_draft_behind(survey_index, monkeypatch):
    pages = Page.objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(SurveyPage, "copy_for_translation", broken)
    with pytest.raises(RuntimeError):
        import_xlsform(xlsform(GOOD_ROWS), survey_index)
    assert Page.objects.count() == pages


# Forms from pyxform's own test suite: what each keeps, and how many rows it refuses.
REAL_FORMS = {
    "UCL_Biomass_Plot_Form.xlsx": ({"leader_name", "leader_name_other", "plant_phase", "disturbance"}, 60),
    "choice_filter_test.xlsx": ({"state"}, 3),
    "group.xlsx": ({"family_name", "age"}, 1),
    "text_and_integer.xlsx": ({"your_name", "your_age"}, 0),
    "xlsform_spec_test.xlsx": ({"skip_to_end"}, 50),
    "yes_or_no_question.xlsx": ({"good_day"}, 0),
    "field-list.xlsx": ({"table_list_question"}, 0),
}


@pytest.mark.parametrize("name", sorted(REAL_FORMS))
def test_forms_written_by_others_keep_supported_rows_and_report_the_rest(name, survey_index):
    kept, at_least_refused = REAL_FORMS[name]
    page, form = import_xlsform((FORMS / name).read_bytes(), survey_index, strict=False)
    assert kept <= {question.code for question in page.get_definition().questions()}
    assert len(form.problems) >= at_least_refused
    assert all(problem.sheet in {"survey", "choices"} and problem.row for problem in form.problems)


def test_a_real_form_without_any_supported_question_is_refused_whole(survey_index):
    with pytest.raises(XLSFormRefused) as refused:
        import_xlsform((FORMS / "or_other.xlsx").read_bytes(), survey_index, strict=False)
    assert (refused.value.problems[0].row, refused.value.problems[0].column) == (2, "type")


def test_import_and_export_commands(survey_index, tmp_path):
    source = tmp_path / "form.xlsx"
    source.write_bytes(xlsform(GOOD_ROWS))
    out = io.StringIO()
    call_command("import_xlsform", str(source), "--parent", "/survei/", "--strict", stdout=out)
    page = SurveyPage.objects.get(title="Survei Impor", locale__language_code="id")
    assert f"Draft survey {page.pk}" in out.getvalue()
    target = tmp_path / "out.xlsx"
    call_command("export_xlsform", str(page.pk), str(target), stdout=io.StringIO())
    assert load_workbook(target)["settings"]["A1"].value == "form_title"
    source.write_bytes(xlsform([*GOOD_ROWS, ["geopoint", "calc", "Lokasi"]]))
    with pytest.raises(CommandError, match="baris 14"):
        call_command("import_xlsform", str(source), "--parent", "/survei/", "--strict")
    assert SurveyPage.objects.filter(locale__language_code="id").count() == 1


def upload(content: bytes, **data):
    return {"file": SimpleUploadedFile("form.xlsx", content), **data}


def test_facilitator_uploads_an_xlsform_and_lands_in_the_new_draft(client, survey_index, make_user):
    client.force_login(make_user(Role.FACILITATOR))
    assert client.get(reverse("surveys_xlsform_import")).status_code == HTTPStatus.OK
    response = client.post(reverse("surveys_xlsform_import"), upload(xlsform(GOOD_ROWS)))
    page = SurveyPage.objects.get(title="Survei Impor", locale__language_code="id")
    assert response.status_code == HTTPStatus.FOUND and response["Location"] == f"/admin/pages/{page.pk}/edit/"


def test_a_refused_upload_lists_every_problem_and_creates_nothing(client, survey_index, make_user):
    client.force_login(make_user(Role.FACILITATOR))
    rows = [*GOOD_ROWS, ["geopoint", "calc", "Lokasi"], ["begin repeat", "r", "R"], ["end repeat"]]
    response = client.post(reverse("surveys_xlsform_import"), upload(xlsform(rows)))
    text = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "baris 14, kolom “type”" in text and "baris 15" in text and "baris 16" in text
    assert not SurveyPage.objects.exists()
    response = client.post(reverse("surveys_xlsform_import"), upload(xlsform(rows), skip_unsupported="on"))
    assert response.status_code == HTTPStatus.FOUND and SurveyPage.objects.filter(title="Survei Impor").exists()


@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.FORUM_MEMBER])
def test_staff_who_may_not_add_surveys_can_neither_import_nor_export(client, survey, make_user, role):
    client.force_login(make_user(role))
    response = client.post(reverse("surveys_xlsform_import"), upload(xlsform(GOOD_ROWS)))
    assert response.status_code == HTTPStatus.FOUND and "/admin/" in response["Location"]
    assert SurveyPage.objects.filter(locale__language_code="id").count() == 1
    download = client.get(reverse("surveys_xlsform_export", args=[survey.pk]))
    assert download.status_code == HTTPStatus.FOUND
    assert not PageLogEntry.objects.filter(action="suara_anak.xlsform_export").exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, survey):
    for url in (reverse("surveys_xlsform_import"), reverse("surveys_xlsform_export", args=[survey.pk])):
        response = client.get(url)
        assert response.status_code == HTTPStatus.FOUND and "/akun/login/" in response["Location"]


def test_facilitator_downloads_a_survey_as_xlsform_from_its_header_and_the_download_is_logged(
    client, survey, make_user
):
    user = make_user(Role.FACILITATOR)
    client.force_login(user)
    url = reverse("surveys_xlsform_export", args=[survey.pk])
    assert url in client.get(f"/admin/pages/{survey.pk}/edit/").content.decode()
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"] == 'attachment; filename="survei-uji.xlsx"'
    assert {q.code for q in read_xlsform(response.content).definition("id").questions()} == {
        q.code for q in survey.get_definition().questions()
    }
    assert PageLogEntry.objects.filter(page=survey, action="suara_anak.xlsform_export", user=user).exists()
