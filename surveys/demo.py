"""Demo surveys: the children's safety and bullying survey, open, with synthetic answers; the school questionnaire.

The answers are made up, deterministically (a fixed random seed), and spread over the demo schools so summaries
and charts have something plausible to show. Each demo school gets a class code for the children's survey (printed
by ``seed_demo`` when DEBUG is on), most schools have answered the questionnaire, and a few made-up free-text answers
wait in the safeguarding queue. Running ``seed_demo`` again adds nothing.
"""

import datetime
import random
import uuid

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from cms.models import HomePage, School
from cms.vocabulary import AgeBand, SchoolLevel, Sex
from surveys.definition import PREFER_NOT_TO_SAY, Definition, Question
from surveys.models import (
    Answer,
    Audience,
    ClassCode,
    Response,
    SafeguardingFlag,
    SchoolSubmission,
    SurveyIndexPage,
    SurveyPage,
)
from surveys.question_bank import get_module
from surveys.services import (
    answer_rows,
    create_survey_from_bank,
    generate_codes,
    record_version,
    save_school_answers,
    submit_response,
)

CHILDREN_SLUG = "keamanan-perundungan-2026"
SCHOOLS_SLUG = "kuesioner-sekolah-2026"
RESPONSE_COUNT = 2_100
INDEX_TITLES = {"id": "Survei", "en": "Surveys"}
INDEX_INTROS = {
    "id": "Survei yang sedang dibuka. Tanpa nama, boleh berhenti kapan saja.",
    "en": "Surveys open now. No names, and you can stop at any time.",
}
AGE_BY_LEVEL = {
    SchoolLevel.SD: [(AgeBand.UP_TO_9, 35), (AgeBand.FROM_10_TO_12, 65)],
    SchoolLevel.SMP: [(AgeBand.FROM_10_TO_12, 15), (AgeBand.FROM_13_TO_15, 85)],
    SchoolLevel.SMA: [(AgeBand.FROM_13_TO_15, 30), (AgeBand.FROM_16_TO_17, 70)],
    SchoolLevel.SMK: [(AgeBand.FROM_13_TO_15, 30), (AgeBand.FROM_16_TO_17, 70)],
}
SEXES = [(Sex.FEMALE, 49), (Sex.MALE, 48), (Sex.PREFER_NOT_TO_SAY, 3)]
WEIGHTS = {
    "safe_school": {"never": 5, "sometimes": 25, "often": 40, "always": 30},
    "safe_way": {"never": 7, "sometimes": 30, "often": 38, "always": 25},
    "safe_home": {"never": 3, "sometimes": 12, "often": 30, "always": 55},
    "safe_online": {"never": 10, "sometimes": 40, "often": 32, "always": 18},
    "bullied_30d": {"never": 58, "once_or_twice": 18, "few_times": 11, "weekly": 8, "several_weekly": 5},
    "bullied_verbal": {"yes": 70, "no": 30},
    "bullied_physical": {"yes": 30, "no": 70},
    "bullied_excluded": {"yes": 40, "no": 60},
    "bullied_online": {"yes": 25, "no": 75},
    "told_someone": {"yes": 55, "no": 45},
    "knows_help": {"yes": 60, "no": 40},
    "knows_sapa129": {"yes": 35, "no": 65},
    "smoke_school": {"never": 55, "sometimes": 35, "often": 10},
    "smoke_public": {"never": 15, "sometimes": 45, "often": 40},
    "safe_play_place": {"yes": 62, "no": 38},
}
FIRST_DAY = datetime.date(2026, 8, 3)
DAYS = 100
CODE_USES = 40
CODE_DAYS = 365
SKIP_QUESTIONNAIRE_EVERY = 5  # every fifth demo school has not answered yet, so the report shows both
SAFEGUARDING_WISHES = [
    "Aku takut pulang karena sering dipukul kalau ayah marah.",
    "Kadang aku ingin mati saja, tidak ada yang mau mendengar.",
    "Someone at the bus stop touched me and I was scared.",
]


def pick(rng: random.Random, weighted) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def demo_answer(rng: random.Random, question: Question):
    if not question.is_choice:
        return None
    choices = [choice.code for choice in question.answer_choices() if choice.code != PREFER_NOT_TO_SAY]
    if question.allow_prefer_not_to_say and rng.random() < 0.02:
        return [PREFER_NOT_TO_SAY] if question.is_multiple else PREFER_NOT_TO_SAY
    if question.is_multiple:
        chosen = [code for code in choices if rng.random() < 0.3]
        return chosen or [rng.choice(choices)]
    weights = WEIGHTS.get(question.code, {})
    return pick(rng, [(code, weights.get(code, 1)) for code in choices])


def demo_answers(rng: random.Random, definition: Definition) -> dict:
    answers = {}
    for question in definition.questions():
        if definition.is_question_shown(question, answers) and rng.random() > 0.03:
            value = demo_answer(rng, question)
            if value:
                answers[question.code] = value
    return answers


def seed_index(home: HomePage) -> SurveyIndexPage:
    index = SurveyIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=SurveyIndexPage(title=INDEX_TITLES["id"], slug="survei", introduction=INDEX_INTROS["id"])
        )
        index.save_revision().publish()
    english_locale = Locale.objects.get(language_code="en")
    if not index.get_translations().filter(locale=english_locale).exists():
        english = index.copy_for_translation(english_locale, copy_parents=True)
        english.title, english.introduction = INDEX_TITLES["en"], INDEX_INTROS["en"]
        english.save_revision().publish()
    return index


def seed_survey(index: SurveyIndexPage, slug: str, module_slug: str, titles: dict[str, str]) -> SurveyPage:
    survey = SurveyPage.objects.child_of(index).filter(slug=slug).first()
    if survey is None:
        opens_at = timezone.make_aware(datetime.datetime(2026, 1, 1))
        survey = create_survey_from_bank(
            get_module(module_slug), index, slug=slug, publish=True, titles=titles, opens_at=opens_at
        )
    return survey.specific


def seed_responses(survey: SurveyPage) -> None:
    if Response.objects.filter(survey=survey).exists():
        return
    version = record_version(survey)
    definition = version.get_definition()
    schools = list(School.objects.filter(level__in=AGE_BY_LEVEL).select_related("kelurahan").order_by("pk"))
    rng = random.Random(2026)  # noqa: S311 - synthetic demo data, not security
    responses, answers = [], []
    for _ in range(RESPONSE_COUNT):
        school = rng.choice(schools)
        answered_about = rng.random() > 0.08
        responses.append(
            Response(
                survey=survey,
                version=version,
                school=school,
                school_level=school.level if answered_about else "",
                kecamatan_id=school.kelurahan.parent_id if answered_about else None,
                age_band=pick(rng, AGE_BY_LEVEL[school.level]) if answered_about else "",
                sex=pick(rng, SEXES) if answered_about else "",
                submitted_on=FIRST_DAY + datetime.timedelta(days=int(rng.triangular(0, DAYS, DAYS * 0.3))),
                submission_token=uuid.UUID(int=rng.getrandbits(128), version=4),
            )
        )
        answers.append(answer_rows(definition, demo_answers(rng, definition)))
    Response.objects.bulk_create(responses, batch_size=500)
    rows = []
    for response, response_answers in zip(responses, answers, strict=True):
        for row in response_answers:
            row.response = response
            rows.append(row)
    Answer.objects.bulk_create(rows, batch_size=2_000)


def seed_class_codes(survey: SurveyPage) -> dict[str, str]:
    """One class code per demo school; an existing one is kept, so the printed codes stay the same."""
    printed = {}
    for school in School.objects.order_by("pk"):
        code = ClassCode.objects.filter(survey=survey, school=school).first()
        if code is None:
            expires_at = timezone.now() + datetime.timedelta(days=CODE_DAYS)
            code = generate_codes(survey, school, count=1, max_uses=CODE_USES, expires_at=expires_at)[0]
        printed[f"Kode kelas {school.name}"] = f"{code.code}  ({survey.url}?{code.link_query()})"
    return printed


def seed_school_answers(survey: SurveyPage) -> None:
    definition = survey.get_definition()
    for number, school in enumerate(School.objects.order_by("pk")):
        if number % SKIP_QUESTIONNAIRE_EVERY == SKIP_QUESTIONNAIRE_EVERY - 1:
            continue
        if SchoolSubmission.objects.filter(survey=survey, school=school).exists():
            continue
        rng = random.Random(f"{SCHOOLS_SLUG}-{school.name}")  # noqa: S311 - synthetic demo data, not security
        save_school_answers(survey, school, demo_answers(rng, definition))


def seed_safeguarding(survey: SurveyPage) -> None:
    if SafeguardingFlag.objects.filter(answer__response__survey=survey).exists():
        return
    school = School.objects.filter(level__in=AGE_BY_LEVEL).order_by("pk").first()
    for number, wish in enumerate(SAFEGUARDING_WISHES):
        submit_response(
            survey,
            token=uuid.UUID(int=number + 1, version=4),
            answers={"one_wish": wish},
            school=school,
            school_level=school.level if school else "",
            submitted_on=FIRST_DAY + datetime.timedelta(days=number),
        )


DEMO_SURVEYS = {
    CHILDREN_SLUG: (
        "keamanan-perundungan",
        {"id": "Survei Keamanan dan Perundungan 2026", "en": "Safety and Bullying Survey 2026"},
    ),
    SCHOOLS_SLUG: (
        "kuesioner-sekolah",
        {"id": "Kuesioner Sekolah Ramah Anak 2026", "en": "Child-Friendly School Questionnaire 2026"},
    ),
}


def seed_surveys(home: HomePage) -> dict[str, SurveyPage]:
    """The demo surveys, published in both languages, without answers; by slug."""
    index = seed_index(home)
    return {slug: seed_survey(index, slug, module, titles) for slug, (module, titles) in DEMO_SURVEYS.items()}


@transaction.atomic
def seed() -> dict[str, str]:
    surveys = seed_surveys(HomePage.objects.get(locale=Locale.get_default()))
    children, schools_survey = surveys[CHILDREN_SLUG], surveys[SCHOOLS_SLUG]
    assert children.audience == Audience.CHILDREN
    seed_responses(children)
    seed_school_answers(schools_survey)
    seed_safeguarding(children)
    return seed_class_codes(children)
