"""Each survey is answered only by its audience, at every door: the survey page and its sub-URLs (GET and POST),
each section's answer URL, the final submit, and every other URL that takes a survey id.

Children's surveys: anyone with the link (with a class code when the survey asks for one). School questionnaires:
only a signed-in school coordinator, for their own school, once per round, on the questionnaire's staff page;
everyone else gets a translated 403 and nothing is stored.
"""

import datetime
import re
import uuid
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone
from wagtail.models import Locale

from cms.roles import Role
from surveys.models import AccessRule, Answer, Audience, Response, SchoolSubmission, SurveyPage
from surveys.results.indicators import DEFAULT_K, FORMULAS, Period, responses_in
from surveys.results.models import Formula
from surveys.results.suppression import rounded
from surveys.services import save_school_answers, submit_response

pytestmark = pytest.mark.django_db

# Who answers each audience's surveys on the children's screens: a new audience fails here until it is decided.
ANSWERED_ON_THE_CHILDREN_SCREENS = {Audience.CHILDREN: True, Audience.SCHOOLS: False}
# The survey page's sub-URLs: which take answers (guarded by the audience) and which help anyone.
ANSWERING_ROUTES = {"start", "about_you", "section", "thanks", "offline"}
OPEN_TO_ANYONE_ROUTES = {"help_now"}
# The staff URLs that take a survey id, and the audience each serves (None: every audience).
STAFF_URL_AUDIENCE = {
    "surveys:code_schools": Audience.CHILDREN,
    "surveys:school_codes": Audience.CHILDREN,
    "surveys:code_sheet": Audience.CHILDREN,
    "surveys:school_questionnaire": Audience.SCHOOLS,
    "surveys:school_report": Audience.SCHOOLS,
    "surveys:export": None,
}
# Public URLs outside the survey page that take a survey id, and the audience each serves: the offline mode's
# submission keys and the open-data package of published results.
PUBLIC_URL_AUDIENCE = {"survey_offline_keys": Audience.CHILDREN, "api:open_data": Audience.CHILDREN}
REFUSAL = "Kuesioner ini diisi oleh koordinator sekolah"
SECTION_ANSWERS = [
    {"safe_school": "3", "bullied": "yes", "bullied_where": ["classroom"]},
    {"told_someone": "no"},
    {"friends": "4", "wish": "taman"},
]


def test_every_audience_has_a_rule():
    assert set(ANSWERED_ON_THE_CHILDREN_SCREENS) == set(Audience.values)


def test_every_route_of_the_survey_page_is_classified():
    names = {pattern.name for pattern in SurveyPage.get_subpage_urls()}
    assert names == ANSWERING_ROUTES | OPEN_TO_ANYONE_ROUTES | {"index_route"}, "index_route: shadowed by start"


def survey_id_urls() -> dict[str, str]:
    """Every named URL whose pattern takes a survey id, with its pattern, from the project's URL resolver."""
    found = {}

    def walk(resolver, namespace="", prefix=""):
        for pattern in resolver.url_patterns:
            if str(pattern.pattern) == "admin/":  # Wagtail's admin: editing surveys, not answering them
                continue
            if hasattr(pattern, "url_patterns"):
                inner = f"{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern, inner, prefix + str(pattern.pattern))
            elif re.search(r"<(?:int|id):(survey_id|page_id)>", str(pattern.pattern)):
                found[namespace + pattern.name] = prefix + str(pattern.pattern)

    walk(get_resolver())
    return found


def test_every_url_that_takes_a_survey_id_is_classified():
    # survey_answer: the children's section posts (attacked below); Wagtail's password form for a restricted page
    # only unlocks viewing it.
    assert set(survey_id_urls()) == set(STAFF_URL_AUDIENCE) | set(PUBLIC_URL_AUDIENCE) | {
        "survey_answer",
        "wagtailcore_authenticate_with_password",
    }


def route_urls(page: SurveyPage) -> dict[str, str]:
    urls = {}
    for pattern in SurveyPage.get_subpage_urls():
        args = [1] if "<int:number>" in str(pattern.pattern) else []
        urls[pattern.name] = page.url + page.reverse_subpage(pattern.name, args=args)
    return urls


def answer_urls(page: SurveyPage) -> list[str]:
    return [reverse("survey_answer", args=[page.pk, n]) for n in range(1, len(page.get_definition().sections) + 1)]


def knock_on_every_door(client: Client, page: SurveyPage) -> list:
    """Everything an outsider can send: each sub-URL read and posted, the whole way through with valid answers,
    and each section's answer URL posted directly; returns every response."""
    seen = []
    for name, url in route_urls(page).items():
        seen += [(name, client.get(url)), (name, client.post(url, {"choice": "agree"}))]
    seen.append(("start", client.post(page.url, {"choice": "agree"})))
    seen.append(("about_you", client.post(page.url + "tentang-kamu/", {"age_band": "13-15"})))
    for number, answers in enumerate(SECTION_ANSWERS, start=1):
        seen.append(("section", client.post(page.url + f"bagian/{number}/", answers)))
    for number, url in enumerate(answer_urls(page), start=1):
        seen += [("survey_answer", client.get(url)), ("survey_answer", client.post(url, SECTION_ANSWERS[number - 1]))]
    return seen


@pytest.mark.parametrize("audience", Audience.values)
def test_an_outsider_stores_nothing_through_any_door(client, make_survey, audience):
    """For a children's survey the outsider is a visitor without the class code it asks for; for any other
    audience, an anonymous visitor. Every answering door refuses with a page, never a server error."""
    page = make_survey(audience=audience, access=AccessRule.CODE_REQUIRED)
    client.raise_request_exception = False
    seen = knock_on_every_door(client, page)
    assert Response.objects.count() == 0
    assert all(response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR for _name, response in seen)
    if ANSWERED_ON_THE_CHILDREN_SCREENS[audience]:
        assert "Survei ini memakai kode kelas" in client.post(page.url, {"choice": "agree"}).content.decode()
        return
    for name, response in seen:
        if name in OPEN_TO_ANYONE_ROUTES:
            assert response.status_code == HTTPStatus.OK
        elif name == "survey_answer" and response.status_code == HTTPStatus.FOUND:  # a GET goes to the survey's URL
            assert client.get(response["Location"]).status_code == HTTPStatus.FORBIDDEN
        else:
            assert response.status_code == HTTPStatus.FORBIDDEN, name
            assert REFUSAL in response.content.decode()


@pytest.mark.parametrize("audience", Audience.values)
def test_the_audience_answers_and_its_answer_is_stored_where_it_belongs(
    client, make_survey, make_code, coordinator, school, audience
):
    page = make_survey(audience=audience, access=AccessRule.CODE_REQUIRED)
    if audience == Audience.CHILDREN:
        client.post(page.url, {"choice": "agree", "kode": make_code(page).code})
        for number, answers in enumerate(SECTION_ANSWERS, start=1):
            client.post(reverse("survey_answer", args=[page.pk, number]), answers)
        assert Response.objects.get().school == school
        return
    client.force_login(coordinator)
    questionnaire = reverse("surveys:school_questionnaire", args=[page.pk])
    for url in route_urls(page).values():
        if url.endswith("/bantuan/"):
            continue
        assert client.get(url)["Location"] == questionnaire, "the coordinator is sent to their school's form"
        assert client.post(url, {"choice": "agree"})["Location"] == questionnaire
    assert client.post(answer_urls(page)[-1], SECTION_ANSWERS[-1])["Location"] == questionnaire
    assert Response.objects.count() == 0, "the children's screens store nothing for a coordinator either"
    client.post(questionnaire, SECTION_ANSWERS[0] | SECTION_ANSWERS[1])
    client.post(questionnaire, SECTION_ANSWERS[0] | SECTION_ANSWERS[2])
    submission = SchoolSubmission.objects.get()
    assert (submission.school, submission.response.school, submission.submitted_by) == (school, school, coordinator)
    assert Response.objects.count() == 1, "one answer per school per round"


@pytest.mark.parametrize("role", [None, Role.FACILITATOR, Role.OFFICIAL, Role.FORUM_MEMBER, Role.SCHOOL_COORDINATOR])
def test_people_outside_the_school_audience_get_a_clear_translated_page(client, make_survey, make_user, role):
    """A coordinator without a school is outside too: the questionnaire is always answered for one school."""
    page = make_survey(audience=Audience.SCHOOLS)
    if role is not None:
        client.force_login(make_user(role))
    refused = client.get(page.url)
    assert refused.status_code == HTTPStatus.FORBIDDEN
    html = refused.content.decode()
    assert REFUSAL in html
    sign_in = f"{reverse('account_login')}?next=%2Fstaf%2Fsurvei%2F{page.pk}%2Fkuesioner-sekolah%2F"
    assert (sign_in in html) == (role is None), "a visitor is offered the sign-in, which leads to the form"


def test_the_english_page_of_a_school_questionnaire_is_refused_in_english(
    client, make_survey, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import TranslationSource

    page = make_survey(audience=Audience.SCHOOLS)
    english_locale = Locale.objects.get(language_code="en")
    source, _created = TranslationSource.get_or_create_from_instance(page)
    with django_capture_on_commit_callbacks(execute=True):
        source.create_or_update_translation(english_locale, publish=True, fallback=True, copy_parent_pages=True)
    english = page.get_translation(english_locale)
    assert english.audience == Audience.SCHOOLS, "the audience follows the source page"
    for url in (english.url, english.url + "bagian/3/"):
        refused = client.post(url, {"choice": "agree"})
        assert refused.status_code == HTTPStatus.FORBIDDEN
        assert "This questionnaire is filled in by a school coordinator" in refused.content.decode()
    assert Response.objects.count() == 0


def test_a_draft_begun_before_the_survey_became_a_school_questionnaire_is_not_stored(client, make_survey):
    page = make_survey()
    client.post(page.url, {"choice": "agree"})
    client.post(reverse("survey_answer", args=[page.pk, 1]), SECTION_ANSWERS[0])  # the page is now kept in memory
    page.audience = Audience.SCHOOLS
    page.save_revision().publish()
    refused = client.post(reverse("survey_answer", args=[page.pk, 3]), SECTION_ANSWERS[2])
    assert refused.status_code == HTTPStatus.FORBIDDEN
    assert Response.objects.count() == 0


def test_a_draft_begun_before_the_survey_asked_for_a_class_code_goes_back_for_one(client, make_survey, make_code):
    page = make_survey()
    client.post(page.url, {"choice": "agree"})
    client.post(reverse("survey_answer", args=[page.pk, 1]), SECTION_ANSWERS[0])
    page.access = AccessRule.CODE_REQUIRED
    page.save_revision().publish()
    client.post(reverse("survey_answer", args=[page.pk, 2]), SECTION_ANSWERS[1])
    sent_back = client.post(reverse("survey_answer", args=[page.pk, 3]), SECTION_ANSWERS[2])
    assert sent_back["Location"] == page.url
    assert Response.objects.count() == 0
    client.post(page.url, {"choice": "agree", "kode": make_code(page).code})
    assert (
        "Terima kasih" in client.post(reverse("survey_answer", args=[page.pk, 3]), SECTION_ANSWERS[2]).content.decode()
    )
    stored = Response.objects.get()
    assert stored.school is not None
    assert stored.answers.filter(question_code="bullied_where", choice_code="classroom").exists(), "answers kept"


def test_storing_a_childs_answer_to_a_school_questionnaire_is_refused_by_the_service(make_survey):
    page = make_survey(audience=Audience.SCHOOLS)
    with pytest.raises(ValueError, match="not a children's survey"):
        submit_response(page, token=uuid.uuid4(), answers={"bullied": "no"})
    assert Response.objects.count() == 0


@pytest.mark.parametrize("name", sorted(STAFF_URL_AUDIENCE))
@pytest.mark.parametrize("audience", Audience.values)
def test_staff_urls_serve_only_the_surveys_of_their_audience(
    client, make_survey, coordinator, facilitator, school, name, audience
):
    page = make_survey(audience=audience)
    acting = facilitator if name in ("surveys:school_report", "surveys:export") else coordinator
    client.force_login(acting)
    values = {"survey_id": page.pk, "school_id": school.pk, "file_format": "csv"}
    kwargs = {key: values[key] for key in re.findall(r"<\w+:(\w+)>", survey_id_urls()[name])}
    response = client.get(reverse(name, kwargs=kwargs))
    if STAFF_URL_AUDIENCE[name] in (None, audience):
        assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)
    else:
        assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("audience", Audience.values)
def test_public_urls_serve_only_the_surveys_of_their_audience(client, make_survey, audience):
    """Offline keys are issued, and open data downloaded, only for the audience each URL serves; for another the
    request is refused and nothing is reserved or shown."""
    page = make_survey(audience=audience)
    page.published_results = [question.code for question in page.get_definition().questions() if question.is_choice]
    page.save_revision().publish()
    serves = {name: audience == served for name, served in PUBLIC_URL_AUDIENCE.items()}
    keys = client.post(reverse("survey_offline_keys", args=[page.pk]), {"jumlah": "2"})
    assert (keys.status_code == HTTPStatus.CREATED) == serves["survey_offline_keys"], keys.status_code
    if not serves["survey_offline_keys"]:
        assert keys.status_code == HTTPStatus.BAD_REQUEST and "error" in keys.json()
    data = client.get(reverse("api:open_data", args=[page.pk]))
    assert (data.status_code == HTTPStatus.OK) == serves["api:open_data"], data.status_code
    if not serves["api:open_data"]:
        assert data.status_code == HTTPStatus.NOT_FOUND


def test_results_never_show_a_school_questionnaire(client, make_survey, make_user):
    children = make_survey(title="Survei Anak", slug="survei-anak")
    schools = make_survey(audience=Audience.SCHOOLS, title="Kuesioner Sekolah", slug="kuesioner")
    client.force_login(make_user(Role.OFFICIAL))
    for url in ("/staf/hasil/", "/staf/hasil/laporan/", "/staf/hasil/ekspor/ringkasan.csv"):
        response = client.get(url, {"survei": schools.pk})
        assert response.status_code == HTTPStatus.OK
        assert "Kuesioner Sekolah" not in response.content.decode("utf-8-sig")
    assert client.get("/staf/hasil/", {"survei": children.pk}).context["survey"] == children


@pytest.fixture
def stray_answers(make_survey, answer_survey, school, other_school):
    """What the school questionnaire's public URL stored before it was guarded: anonymous answers without a school,
    beside one school's own answer and six children's answers."""
    schools_survey = make_survey(audience=Audience.SCHOOLS, slug="kuesioner-sekolah")
    children_survey = make_survey(slug="survei-anak")
    today = timezone.localdate()
    answer_survey(schools_survey, 3, {"bullied": "no"}, day=today)
    answer_survey(schools_survey, 2, {"bullied": "no"}, day=today, school=other_school)
    save_school_answers(schools_survey, school, {"safe_school": "3", "bullied": "no"})
    answer_survey(children_survey, 6, {"bullied": "no"}, day=today, school=school)
    return schools_survey


def test_exports_of_a_school_questionnaire_hold_only_the_schools_own_answers(client, stray_answers, facilitator):
    client.force_login(facilitator)
    csv = client.get(reverse("surveys:export", args=[stray_answers.pk, "csv"])).content.decode("utf-8-sig")
    rows = csv.strip().splitlines()[1:]
    assert len(rows) == 1 and "SD Uji Coba" in rows[0]
    assert Answer.objects.filter(response__survey=stray_answers).count() > 2, "the stray rows are still stored"


def test_the_indicator_counts_only_childrens_answers(stray_answers, other_school, builtin_indicators):
    year = timezone.localdate().year
    period = Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    assert responses_in(period, None).count() == 6, "the six children's answers, no questionnaire's"
    shown = FORMULAS[Formula.PARTICIPANTS](period, None).numerator.value
    assert shown == rounded(6, DEFAULT_K), "the indicator shows the six children as every count is shown: rounded"
    taking_part = FORMULAS[Formula.SCHOOLS](period, None).numerator.value
    assert taking_part == 1, "a school is counted for its children's answers, not for a questionnaire"
