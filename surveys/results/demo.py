"""Demo results: two questions of the children's survey published on /hasil/, and made-up denominators
(children per kelurahan, pupils per school) so the participation rate has something to divide by.

Deterministic and idempotent: a second run changes nothing.
"""

import datetime

from django.db import transaction

from cms.models import Region, School
from surveys.demo import CHILDREN_SLUG
from surveys.models import SurveyPage
from surveys.results.models import ChildPopulation, SchoolEnrolment

PUBLISHED = ["safe_school", "bullied_30d"]
YEAR = datetime.date(2026, 1, 1).year


@transaction.atomic
def seed() -> None:
    survey = SurveyPage.objects.filter(slug=CHILDREN_SLUG).first()
    if survey is not None and not survey.published_results:
        codes = {question.code for question in survey.get_definition().questions()}
        survey.published_results = [code for code in PUBLISHED if code in codes]
        survey.save_revision().publish()
    for position, kelurahan in enumerate(Region.objects.kelurahan().order_by("code")):
        ChildPopulation.objects.get_or_create(
            kelurahan=kelurahan, year=YEAR, defaults={"children": 2_500 + (position * 397) % 3_000}
        )
    for position, school in enumerate(School.objects.order_by("pk")):
        SchoolEnrolment.objects.get_or_create(
            school=school, year=YEAR, defaults={"pupils": 180 + (position * 53) % 600}
        )
