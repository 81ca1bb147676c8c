import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from surveys.blocks import definition_value
from surveys.models import SurveyIndexPage, SurveyPage

DEFINITION = [
    {
        "type": "section",
        "value": {
            "title": "Merasa aman",
            "intro": "",
            "show_if": {"question": "", "values": ""},
            "questions": [
                {
                    "type": "likert4",
                    "code": "safe_school",
                    "label": "Seberapa sering kamu merasa aman di sekolah?",
                    "help_text": "",
                    "required": True,
                    "allow_prefer_not_to_say": True,
                    "faces": True,
                    "choices": [],
                    "min_value": None,
                    "max_value": None,
                    "show_if": {"question": "", "values": ""},
                },
                {
                    "type": "yes_no",
                    "code": "bullied",
                    "label": "Apakah kamu dirundung bulan ini?",
                    "help_text": "",
                    "required": True,
                    "allow_prefer_not_to_say": True,
                    "faces": False,
                    "choices": [],
                    "min_value": None,
                    "max_value": None,
                    "show_if": {"question": "", "values": ""},
                },
                {
                    "type": "multiple",
                    "code": "bullied_where",
                    "label": "Di mana?",
                    "help_text": "",
                    "required": True,
                    "allow_prefer_not_to_say": True,
                    "faces": False,
                    "choices": [
                        {"code": "classroom", "label": "Di kelas"},
                        {"code": "online", "label": "Lewat internet"},
                    ],
                    "min_value": None,
                    "max_value": None,
                    "show_if": {"question": "bullied", "values": "yes"},
                },
            ],
        },
    },
    {
        "type": "section",
        "value": {
            "title": "Bercerita",
            "intro": "",
            "show_if": {"question": "bullied", "values": "yes"},
            "questions": [
                {
                    "type": "yes_no",
                    "code": "told_someone",
                    "label": "Apakah kamu bercerita kepada seseorang?",
                    "help_text": "",
                    "required": False,
                    "allow_prefer_not_to_say": True,
                    "faces": False,
                    "choices": [],
                    "min_value": None,
                    "max_value": None,
                    "show_if": {"question": "", "values": ""},
                },
            ],
        },
    },
    {
        "type": "section",
        "value": {
            "title": "Lainnya",
            "intro": "",
            "show_if": {"question": "", "values": ""},
            "questions": [
                {
                    "type": "number",
                    "code": "friends",
                    "label": "Berapa teman dekatmu?",
                    "help_text": "",
                    "required": False,
                    "allow_prefer_not_to_say": False,
                    "faces": False,
                    "choices": [],
                    "min_value": 0,
                    "max_value": 50,
                    "show_if": {"question": "", "values": ""},
                },
                {
                    "type": "short_text",
                    "code": "wish",
                    "label": "Satu harapanmu?",
                    "help_text": "",
                    "required": False,
                    "allow_prefer_not_to_say": False,
                    "faces": False,
                    "choices": [],
                    "min_value": None,
                    "max_value": None,
                    "show_if": {"question": "", "values": ""},
                },
            ],
        },
    },
]


@pytest.fixture
def survey_index(home) -> SurveyIndexPage:
    index = home.add_child(instance=SurveyIndexPage(title="Survei", slug="survei", locale=home.locale))
    index.save_revision().publish()
    return index


@pytest.fixture
def make_survey(survey_index):
    def make(**fields) -> SurveyPage:
        values = {
            "title": "Survei Uji",
            "slug": "survei-uji",
            "introduction": "Kami ingin tahu apakah kamu merasa aman.",
            "assent_text": "Tanpa nama. Boleh berhenti kapan saja.",
            "opens_at": timezone.now() - datetime.timedelta(days=1),
            "definition": definition_value(DEFINITION),
            "locale": Locale.get_default(),
        } | fields
        page = survey_index.add_child(instance=SurveyPage(**values))
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def survey(make_survey) -> SurveyPage:
    return make_survey()


@pytest.fixture
def other_school(school):
    from cms.models import School

    return School.objects.create(name="SMP Sekolah Lain", level="SMP", status=school.status, kelurahan=school.kelurahan)


@pytest.fixture
def coordinator(make_user, school):
    from cms.roles import Role

    return make_user(Role.SCHOOL_COORDINATOR, school=school)


@pytest.fixture
def facilitator(make_user):
    from cms.roles import Role

    return make_user(Role.FACILITATOR)


@pytest.fixture
def official(make_user):
    from cms.roles import Role

    return make_user(Role.OFFICIAL)


@pytest.fixture
def make_code(school):
    from surveys.services import generate_codes

    def make(survey, *, max_uses: int = 40, days: int = 30, target=None):
        expires_at = timezone.now() + datetime.timedelta(days=days)
        return generate_codes(survey, target or school, count=1, max_uses=max_uses, expires_at=expires_at)[0]

    return make


@pytest.fixture
def answer_survey():
    """Store ``n`` identical responses to a survey in bulk: ``answers`` maps question codes to a code or list."""
    import uuid

    from surveys.models import Answer, Response
    from surveys.services import record_version

    def make(survey: SurveyPage, n: int, answers: dict, *, day=None, **fields) -> None:
        version = record_version(survey)
        day = day or datetime.date(2026, 8, 10)
        responses = Response.objects.bulk_create(
            [
                Response(survey=survey, version=version, submitted_on=day, submission_token=uuid.uuid4(), **fields)
                for _ in range(n)
            ]
        )
        rows = []
        for response in responses:
            for code, value in answers.items():
                for item in value if isinstance(value, list) else [value]:
                    if code in ("wish",):
                        rows.append(Answer(response=response, question_code=code, text_value=item))
                    else:
                        rows.append(Answer(response=response, question_code=code, choice_code=item))
        Answer.objects.bulk_create(rows)

    return make


def answer_whole_survey(client, survey, *, code: str | None = None, wish: str = "") -> None:
    """One child through every screen of the test survey, ending on the thank-you page."""
    data = {"choice": "agree"} | ({"kode": code} if code else {})
    assert client.post(survey.url, data).status_code == 302
    client.post(survey.url + "tentang-kamu/", {"age_band": "13-15", "sex": "female"})
    client.post(survey.url + "bagian/1/", {"safe_school": "3", "bullied": "no"})
    return client.post(survey.url + "bagian/3/", {"friends": "4", "wish": wish})


@pytest.fixture
def builtin_indicators(db):
    """The indicators migrations surveys/0005 and results/0006 create, back after a transactional test's flush.

    The roles' permissions on them come back with the flush's ``post_migrate`` (``cms.services.apply_grants``).
    """
    import importlib

    from surveys.results.models import Indicator

    built_in = [
        *importlib.import_module("surveys.migrations.0005_builtin_indicators").BUILT_IN,
        *importlib.import_module("surveys.results.migrations.0006_felt_heard_indicator").BUILT_IN,
    ]
    for order, (name, cluster, formula) in enumerate(built_in):
        Indicator.objects.get_or_create(formula=formula, defaults={"name": name, "cluster": cluster, "order": order})
