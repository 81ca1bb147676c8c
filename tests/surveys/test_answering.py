from http import HTTPStatus

import pytest

from surveys.models import Answer, Response

pytestmark = pytest.mark.django_db


def start(client, survey):
    response = client.post(survey.url, {"choice": "agree"})
    assert response.status_code == HTTPStatus.FOUND
    return response


def test_whole_flow_without_javascript_stores_one_response(client, survey, regions):
    from cms.models import Region

    page = client.get(survey.url)
    assert page.status_code == HTTPStatus.OK
    assert "Saya setuju" in page.content.decode()
    response = start(client, survey)
    assert response["Location"].endswith("/tentang-kamu/")
    kecamatan = Region.objects.kecamatan().first()
    response = client.post(
        response["Location"], {"age_band": "13-15", "sex": "female", "school_level": "SMP", "kecamatan": kecamatan.pk}
    )
    assert response["Location"].endswith("/bagian/1/")
    screen = client.get(response["Location"])
    assert "Langkah 2 dari 5" in screen.content.decode(), "steps: about you, section 1, its follow-up, 2 undecided, 3"
    assert 'class="help-strip"' in screen.content.decode()
    response = client.post(
        survey.url + "bagian/1/", {"safe_school": "3", "bullied": "yes", "bullied_where": ["classroom", "online"]}
    )
    assert response["Location"].endswith("/bagian/2/")
    response = client.post(survey.url + "bagian/2/", {"told_someone": "no"})
    assert response["Location"].endswith("/bagian/3/")
    assert "Kirim jawaban" in client.get(survey.url + "bagian/3/").content.decode()
    response = client.post(survey.url + "bagian/3/", {"friends": "4", "wish": "Lebih banyak taman"})
    assert response["Location"].endswith("/terima-kasih/")
    assert "SAPA 129" in client.get(response["Location"]).content.decode()

    stored = Response.objects.get()
    assert (stored.age_band, stored.sex, stored.school_level, stored.kecamatan) == ("13-15", "female", "SMP", kecamatan)
    assert stored.school is None
    answers = set(Answer.objects.values_list("question_code", "choice_code", "number_value", "text_value"))
    assert answers == {
        ("safe_school", "3", None, ""),
        ("bullied", "yes", None, ""),
        ("bullied_where", "classroom", None, ""),
        ("bullied_where", "online", None, ""),
        ("told_someone", "no", None, ""),
        ("friends", None, 4, ""),
        ("wish", None, None, "Lebih banyak taman"),
    }


def test_error_is_shown_next_to_the_question_and_keeps_the_other_answers(client, survey):
    start(client, survey)
    client.post(survey.url + "tentang-kamu/", {})
    response = client.post(survey.url + "bagian/1/", {"safe_school": "4"})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Pertanyaan ini perlu dijawab" in html
    assert 'id="q-bullied"' in html.split("Pertanyaan ini perlu dijawab")[0].rsplit("<fieldset", 1)[1]
    assert 'value="4" required' in html or ('value="4"' in html and "checked" in html.split('value="4"')[1][:40])
    assert Response.objects.count() == 0


def test_going_back_keeps_answers(client, survey):
    start(client, survey)
    client.post(survey.url + "tentang-kamu/", {"age_band": "10-12"})
    client.post(survey.url + "bagian/1/", {"safe_school": "2", "bullied": "no"})
    response = client.post(survey.url + "bagian/3/", {"friends": "7", "action": "back"})
    assert response["Location"].endswith("/bagian/1/"), "section 2 is skipped when not bullied"
    html = client.get(survey.url + "bagian/1/").content.decode()
    assert 'value="2" id="id_safe_school_1" checked' in html.replace("\n", " ") or "checked" in html
    assert 'value="7"' in client.get(survey.url + "bagian/3/").content.decode()
    about = client.get(survey.url + "tentang-kamu/").content.decode()
    assert 'value="10-12"' in about and "checked" in about.split('value="10-12"')[1][:60]


def test_invalid_number_keeps_what_was_typed(client, survey):
    start(client, survey)
    client.post(survey.url + "bagian/1/", {"safe_school": "2", "bullied": "no"})
    response = client.post(survey.url + "bagian/3/", {"friends": "500", "wish": "taman"})
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert 'value="500"' in html and 'value="taman"' in html
    assert Response.objects.count() == 0


def test_skip_logic_hides_questions_and_sections_on_the_server(client, survey):
    start(client, survey)
    response = client.post(
        survey.url + "bagian/1/", {"safe_school": "4", "bullied": "no", "bullied_where": ["classroom"]}
    )
    assert response["Location"].endswith("/bagian/3/")
    assert client.get(survey.url + "bagian/2/")["Location"].endswith("/bagian/3/")
    client.post(survey.url + "bagian/3/", {})
    codes = set(Answer.objects.values_list("question_code", flat=True))
    assert codes == {"safe_school", "bullied"}


def test_hidden_question_is_not_required(client, survey):
    start(client, survey)
    response = client.post(survey.url + "bagian/1/", {"safe_school": "4", "bullied": "prefer_not_to_say"})
    assert response.status_code == HTTPStatus.FOUND


def test_prefer_not_to_say_cannot_be_combined(client, survey):
    start(client, survey)
    response = client.post(
        survey.url + "bagian/1/",
        {"safe_school": "4", "bullied": "yes", "bullied_where": ["classroom", "prefer_not_to_say"]},
    )
    assert response.status_code == HTTPStatus.OK
    assert "tidak bisa dipilih bersama" in response.content.decode()


def test_declining_stores_nothing_and_starts_no_draft(client, survey):
    response = client.post(survey.url, {"choice": "disagree"})
    assert "Tidak apa-apa" in response.content.decode()
    assert client.get(survey.url + "bagian/1/")["Location"] == survey.url


def test_screens_without_a_draft_lead_back_to_the_assent(client, survey):
    assert client.get(survey.url + "tentang-kamu/")["Location"] == survey.url
    assert client.get(survey.url + "bagian/9/").status_code in (HTTPStatus.FOUND, HTTPStatus.NOT_FOUND)
