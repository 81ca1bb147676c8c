"""Issue #17.4: the readability check a facilitator sees in the page editor before publishing a survey."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from surveys import readability
from surveys.definition import Definition
from surveys.models import SurveyPage

pytestmark = pytest.mark.django_db

HARD_LABEL = (
    "Apakah kamu pernah mengalami diskriminasi ketika mengikuti kegiatan ekstrakurikuler di lingkungan sekolah "
    "bersama teman-teman sekelasmu setiap minggu?"
)
RARE_WORD_LABEL = "Kamu sekolah di jenjang apa?"
SIMPLE_LABEL = "Apakah kamu merasa aman di sekolah?"


def block_list(items: list[dict]) -> dict:
    """A ListBlock as the editor posts it."""
    data = {str(i): {"value": item, "deleted": "", "order": str(i), "id": ""} for i, item in enumerate(items)}
    return data | {"count": str(len(items))}


def question(code: str, label: str) -> dict:
    return {
        "type": "single",
        "code": code,
        "label": label,
        "label_young": "",
        "help_text": "",
        "help_text_young": "",
        "allow_prefer_not_to_say": "on",
        "choices": block_list(
            [{"code": "yes", "label": "Ya", "label_young": ""}, {"code": "no", "label": "Tidak", "label_young": ""}]
        ),
        "min_value": "",
        "max_value": "",
        "show_if": {"question": "", "values": ""},
        "recording": "",
    }


def edit(client, survey: SurveyPage, *labels: str):
    """Save a draft of ``survey`` in the Wagtail editor with one question per label, as a facilitator would."""
    url = reverse("wagtailadmin_pages:edit", args=[survey.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    for key in [key for key in data if key.startswith("definition-")]:
        del data[key]
    section = {
        "title": "Merasa aman",
        "title_young": "",
        "intro": "",
        "intro_young": "",
        "show_if": {"question": "", "values": ""},
        "questions": block_list([question(f"q{i}", label) for i, label in enumerate(labels)]),
    }
    data.update(nested_form_data({"definition": streamfield([("section", section)])}))
    return client.post(url, data)


@pytest.fixture
def facilitator_client(client, make_user):
    client.force_login(make_user(superuser=True, email="pendamping@example.test"))
    return client


def test_the_editor_warns_about_a_long_sentence_and_a_rare_word_without_blocking_the_draft(facilitator_client, survey):
    response = edit(facilitator_client, survey, HARD_LABEL, RARE_WORD_LABEL)
    assert response.status_code == HTTPStatus.FOUND, "the draft is saved: a warning never blocks it"
    draft = SurveyPage.objects.get(pk=survey.pk).get_latest_revision_as_object()
    assert draft.get_definition().question("q0").label == HARD_LABEL
    page = facilitator_client.get(response["Location"]).content.decode()
    assert "mungkin sulit dibaca anak kecil" in page, "a message says so after saving"
    assert "kalimat 17 kata (paling banyak 12)" in page
    assert "diskriminasi" in page and "ekstrakurikuler" in page, "long words are named"
    assert "jenjang" in page.split("Mudah dibaca anak?")[1], "a word not on the children's word list is named"
    assert SurveyPage.objects.get(pk=survey.pk).has_unpublished_changes, "saved as a draft, nothing published"


def test_simple_text_gets_no_warning(facilitator_client, survey):
    response = edit(facilitator_client, survey, SIMPLE_LABEL)
    assert response.status_code == HTTPStatus.FOUND
    page = facilitator_client.get(response["Location"]).content.decode()
    assert "mungkin sulit dibaca anak kecil" not in page
    assert "Tidak ada peringatan" in page


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (" ".join(["kamu"] * (readability.MAX_SENTENCE_WORDS + 1)) + ".", "kalimat"),
        ("Kamu " + "a" * (readability.MAX_WORD_LETTERS + 1) + ".", "kata panjang"),
        ("Kamu pernah dikucilkan?", "belum dikenal"),
    ],
)
def test_each_rule_warns(text, problem):
    assert [warning for warning in readability.text_warnings(text) if problem in warning]


@pytest.mark.parametrize(
    "text",
    [
        " ".join(["kamu"] * readability.MAX_SENTENCE_WORDS) + ".",
        "Kamu merasa aman di sekolahmu?",  # a suffix on a listed word
        "Apakah kamu dipukul? Kadang-kadang. Telepon SAPA 129 di Balikpapan.",  # affixes, repeats, caps, names
    ],
)
def test_short_sentences_of_listed_words_pass(text):
    assert readability.text_warnings(text) == []


def test_the_check_reads_the_younger_version_where_there_is_one():
    definition = Definition.from_json(
        [
            {
                "title": "Aman",
                "questions": [{"code": "q", "type": "yes_no", "label": HARD_LABEL, "label_young": SIMPLE_LABEL}],
            }
        ]
    )
    assert readability.definition_warnings(definition) == []
    without = Definition.from_json(
        [{"title": "Aman", "questions": [{"code": "q", "type": "yes_no", "label": HARD_LABEL}]}]
    )
    assert [warning.where for warning in readability.definition_warnings(without)] == ["q", "q", "q"], (
        "too long, long words, words not on the list"
    )


def test_the_word_list_is_in_the_repository_says_where_it_comes_from_and_holds_a_few_hundred_words():
    text = readability.WORD_LIST.read_text(encoding="utf-8")
    assert "ditulis oleh proyek" in text.split("\n", 3)[1]
    assert len(readability.word_list()) >= 300
    assert all(word == word.lower() and " " not in word for word in readability.word_list())
