"""Nothing unread: every ``aria-describedby`` on every page points at text the same page renders.

A description that is referenced but missing is silent to a screen reader, and the child never hears the warning
("do not write names or phone numbers") or the error. The pages are every URL of the permissions matrix for every
role, every live page in both languages, every survey screen (with and without errors), and the staff pages of a
real survey and school.
"""

import re
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Page

from cms.roles import Role
from tests.forum.conftest import consultation_index, forum_groups, make_consultation  # noqa: F401
from tests.permissions_matrix import ADMIN_ENTRIES, MATRIX, PAGE_ENTRIES
from tests.surveys.conftest import make_code, make_survey, survey_index  # noqa: F401

SURVEY_SCREENS = ("", "tentang-kamu/", "bagian/1/", "bagian/2/", "bantuan/", "terima-kasih/", "luring/")
ROLES = {
    "anonymous": None,
    "forum_member": {"role": Role.FORUM_MEMBER},
    "school_coordinator": {"role": Role.SCHOOL_COORDINATOR},
    "official": {"role": Role.OFFICIAL},
    "facilitator": {"role": Role.FACILITATOR},
    "administrator": {"superuser": True},
}


# Wagtail's own admin templates, not ours (Wagtail 8.0): the comment button of the scheduling dialog's date fields
# names a label id the dialog does not render, and the users listing's checkboxes name a title cell without an id.
UPSTREAM_ADMIN_GAPS = re.compile(r"^(id_go_live_at-label|id_expire_at-label|user_\d+_title)$")


def unread_descriptions(html: str, *, upstream_gaps: re.Pattern | None = None) -> list[str]:
    """``aria-describedby`` references whose target is missing or has no text, as ``<tag id> -> missing id``."""
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    for element in soup.find_all(attrs={"aria-describedby": True}):
        for target_id in element["aria-describedby"].split():
            if upstream_gaps is not None and upstream_gaps.match(target_id):
                continue
            target = soup.find(id=target_id)
            if target is None or not target.get_text(strip=True):
                problems.append(f"<{element.name} id={element.get('id')}> -> {target_id}")
    return problems


def test_the_check_finds_a_description_that_is_not_rendered():
    assert unread_descriptions('<input aria-describedby="a b"><p id="a">Jangan tulis nama.</p><p id="b"> </p>') == [
        "<input id=None> -> b"
    ]
    assert unread_descriptions('<input id="x" aria-describedby="x_helptext">') == ["<input id=x> -> x_helptext"]


@pytest.fixture
def everything(request, sections, school):
    """The demo sections, a survey with a free-text question (and in English), and a consultation, with a code."""
    from surveys.blocks import definition_value
    from tests.surveys.conftest import DEFINITION

    free_text = {
        "type": "section",
        "value": {
            "title": "Ceritamu",
            "intro": "",
            "show_if": {"question": "", "values": ""},
            "questions": [
                {
                    "type": code_type,
                    "code": code,
                    "label": "Ada yang ingin kamu ceritakan?",
                    "help_text": help_text,
                    "required": False,
                    "allow_prefer_not_to_say": False,
                    "faces": False,
                    "choices": [],
                    "min_value": None,
                    "max_value": None,
                    "show_if": {"question": "", "values": ""},
                }
                for code_type, code, help_text in (
                    ("long_text", "story", ""),
                    ("short_text", "wish", "Satu kalimat saja."),
                    ("number", "friends", ""),
                )
            ],
        },
    }
    survey = request.getfixturevalue("make_survey")(definition=definition_value([*DEFINITION[:1], free_text]))
    survey.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True).save_revision().publish()
    request.getfixturevalue("make_code")(survey)
    request.getfixturevalue("forum_groups")
    consultation = request.getfixturevalue("make_consultation")("ktr")
    consultation.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    ).save_revision().publish()
    return survey


def get_html(client, path: str, problems: dict, *, data=None) -> int:
    """Check one page; how many elements on it have a description."""
    response = client.post(path, data) if data is not None else client.get(path)
    if response.status_code >= HTTPStatus.MULTIPLE_CHOICES and response.status_code != HTTPStatus.BAD_REQUEST:
        return 0
    if "text/html" not in response.get("Content-Type", ""):
        return 0
    gaps = UPSTREAM_ADMIN_GAPS if path.startswith("/admin/") else None
    found = unread_descriptions(response.content.decode(), upstream_gaps=gaps)
    if found:
        problems[f"{'POST' if data is not None else 'GET'} {path}"] = found
    return response.content.decode().count("aria-describedby=")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_aria_describedby_points_at_rendered_text(client, everything, make_user, school, role):
    survey = everything
    spec = ROLES[role]
    if spec is not None:
        extra = {"school": school} if spec.get("role") == Role.SCHOOL_COORDINATOR else {}
        client.force_login(make_user(spec.get("role"), superuser=spec.get("superuser", False), **extra))
    problems: dict[str, list[str]] = {}
    checked = described = 0
    paths = [entry.url for entry in {**MATRIX, **PAGE_ENTRIES, **ADMIN_ENTRIES}.values()]
    paths += [page.url for page in Page.objects.live().filter(depth__gt=1).specific()]
    paths += [
        f"/staf/survei/{survey.pk}/kode/",
        f"/staf/survei/{survey.pk}/sekolah/{school.pk}/kode/",
        f"/staf/survei/{survey.pk}/sekolah/{school.pk}/kode/cetak/",
        f"/staf/survei/{survey.pk}/sekolah-menjawab/",
        f"/admin/pages/{survey.pk}/edit/",
        "/admin/settings/cms/helplinesettings/",
    ]
    for path in paths:
        described += get_html(client, path, problems)
        checked += 1
    for translation in survey.get_translations(inclusive=True):
        described += get_html(client, translation.url, problems, data={"choice": "agree", "kode": "SALAH1"})
        get_html(client, translation.url, problems, data={"choice": "agree"})
        get_html(client, translation.url + "tentang-kamu/", problems, data={"age_band": "bukan-umur"})
        get_html(client, translation.url + "bagian/1/", problems, data={"safe_school": ""})  # a required answer
        get_html(client, translation.url + "bagian/1/", problems, data={"safe_school": "2", "bullied": "no"})
        described += get_html(
            client, translation.url + "bagian/2/", problems, data={"story": "x" * 3000, "friends": "banyak"}
        )
        for screen in SURVEY_SCREENS:
            described += get_html(client, translation.url + screen, problems)
            checked += 1
    described += get_html(client, "/konsultasi/ktr/", problems, data={"text": ""})
    get_html(client, "/akun/login/", problems, data={"login": "bukan", "password": "salah"})
    get_html(client, "/akun/password/reset/", problems, data={"email": "bukan-email"})
    assert checked > 40 and described >= 8, (checked, described)
    assert not problems, "\n".join(f"{path}: {found}" for path, found in problems.items())


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "warning"), [("id", "Jangan tulis nama, nomor HP"), ("en", "Do not write names")])
def test_a_screen_reader_reads_the_privacy_warning_of_every_free_text_field(client, everything, language, warning):
    survey = everything.get_translation(Locale.objects.get(language_code=language))
    client.post(survey.url, {"choice": "agree"})
    client.post(survey.url + "bagian/1/", {"safe_school": "2", "bullied": "no"})
    pages = [
        client.get(survey.url + "bagian/2/"),
        client.get("/konsultasi/ktr/" if language == "id" else "/en/konsultasi/ktr/"),
    ]
    fields = 0
    for response in pages:
        soup = BeautifulSoup(response.content, "html.parser")
        for field in soup.select("textarea, input[type=text]"):
            if field.get("name") in {"website"}:  # the honeypot, hidden from people
                continue
            fields += 1
            description = " ".join(soup.find(id=i).get_text() for i in field["aria-describedby"].split())
            assert warning in description, field
    assert fields >= 3
