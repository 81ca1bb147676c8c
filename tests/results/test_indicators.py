"""The participation indicator on known data: every formula, its numerator and denominator, per area."""

import datetime

import pytest
from django.core.management import call_command

from cms.models import Region, School, SchoolLevel, SchoolStatus
from cms.roles import Role
from cms.vocabulary import DEFAULT_K
from forum.models import Activity, ConsultationInput, ConsultationSummary, ForumGroup, InputStatus
from forum.services import record_answer
from surveys.results.indicators import FORMULAS, Period, compute, indicator_table
from surveys.results.models import ChildPopulation, Formula, Indicator, SchoolEnrolment
from surveys.results.suppression import rounded
from tests.forum.conftest import consultation_index, make_consultation  # noqa: F401

PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


@pytest.fixture
def city(regions, survey, answer_survey, builtin_indicators):
    first_kec, second_kec = Region.objects.kecamatan().order_by("code")[:2]
    kel_a = Region.objects.kelurahan().filter(parent=first_kec).order_by("code").first()
    kel_b = Region.objects.kelurahan().filter(parent=second_kec).order_by("code").first()
    school_a = School.objects.create(
        name="SD A", npsn="11111111", level=SchoolLevel.SD, status=SchoolStatus.PUBLIC, kelurahan=kel_a
    )
    School.objects.create(
        name="SD B", npsn="22222222", level=SchoolLevel.SD, status=SchoolStatus.PUBLIC, kelurahan=kel_b
    )
    answer_survey(survey, 12, {"bullied": "no"}, school=school_a, kecamatan=first_kec)
    answer_survey(survey, 3, {"bullied": "no"}, kecamatan=second_kec)
    answer_survey(survey, 4, {"bullied": "no"}, day=datetime.date(2025, 5, 1))
    ChildPopulation.objects.create(kelurahan=kel_a, year=2026, children=100)
    ChildPopulation.objects.create(kelurahan=kel_b, year=2026, children=300)
    SchoolEnrolment.objects.create(school=school_a, year=2026, pupils=60)
    return {"kec": (first_kec, second_kec), "kel": (kel_a, kel_b), "school": school_a}


def figure(formula, area=None):
    return FORMULAS[formula](PERIOD, area)


def test_the_built_in_indicators_come_from_a_migration(builtin_indicators):
    assert set(Indicator.objects.values_list("formula", flat=True)) == set(Formula.values)
    assert all(indicator.cluster for indicator in Indicator.objects.all())


def test_children_taking_part_count_responses_and_approved_inputs_of_the_period(city, make_consultation):  # noqa: F811
    page = make_consultation("ktr")
    kel_a = city["kel"][0]
    for status in (InputStatus.APPROVED, InputStatus.APPROVED, InputStatus.PENDING):
        ConsultationInput.objects.create(
            consultation=page, text="x", submitted_on=datetime.date(2026, 3, 1), status=status, kelurahan=kel_a
        )
    assert figure(Formula.PARTICIPANTS).numerator.value == rounded(12 + 3 + 2, DEFAULT_K)
    assert figure(Formula.PARTICIPANTS, city["kec"][0]).numerator.value == rounded(12 + 2, DEFAULT_K)
    assert figure(Formula.PARTICIPANTS, city["kec"][1]).numerator.label == "< 5", "3 children: suppressed"


def test_the_participation_rate_divides_by_the_child_population(city):
    rate = figure(Formula.RATE_POPULATION)
    assert (rate.numerator.value, rate.denominator, rate.rate) == (15, 400, 3.8)
    assert figure(Formula.RATE_POPULATION, city["kel"][0]).denominator == 100


def test_the_rate_among_pupils_divides_by_enrolment(city):
    rate = figure(Formula.RATE_ENROLMENT, city["kec"][0])
    shown = rounded(12, DEFAULT_K)
    assert (rate.numerator.value, rate.denominator, rate.rate) == (shown, 60, round(100 * shown / 60, 1))


def test_schools_taking_part_out_of_all_schools(city):
    schools = figure(Formula.SCHOOLS)
    assert (schools.numerator.value, schools.denominator) == (1, 2)
    assert figure(Formula.SCHOOLS, city["kec"][1]).numerator.value == 0


def test_regions_with_an_active_forum_anak(city):
    kel_a, kel_b = city["kel"]
    active = ForumGroup.objects.create(region=kel_a)
    Activity.objects.create(group=active, date=datetime.date(2026, 6, 1), kind="meeting", place="Aula", summary="Rapat")
    ForumGroup.objects.create(region=kel_b)
    kelurahan = figure(Formula.KELURAHAN_FORUM)
    assert kelurahan.numerator.value == 1
    assert kelurahan.denominator == Region.objects.kelurahan().count()
    assert figure(Formula.KELURAHAN_FORUM, kel_a).denominator == 1
    assert figure(Formula.KECAMATAN_FORUM).numerator.value == 0


def test_policies_with_documented_input_and_those_answered(city, make_consultation, make_user):  # noqa: F811
    pages = [make_consultation(slug) for slug in ("a", "b")]
    for page in pages:
        ConsultationInput.objects.create(
            consultation=page, text="x", submitted_on=datetime.date(2026, 2, 1), status=InputStatus.APPROVED
        )
        ConsultationSummary.objects.create(
            consultation=page, text="r", delivered_on=datetime.date(2026, 3, 1), delivered_to="Dinas"
        )
    record_answer(pages[0], decision="accepted", reasons="-", next_steps="-", user=make_user(Role.OFFICIAL))
    assert figure(Formula.POLICIES_INPUT).numerator.value == 2
    answered = figure(Formula.POLICIES_ANSWERED)
    assert (answered.numerator.value, answered.denominator, answered.rate) == (1, 2, 50.0)


def test_an_indicator_added_by_an_official_is_computed_too(city):
    Indicator.objects.create(name="Indikator baru", cluster="IV", formula=Formula.SCHOOLS, order=99)
    table = indicator_table(PERIOD)
    assert table[-1].indicator.name == "Indikator baru"
    assert table[-1].figure.numerator.value == 1
    assert all(result.figure.method for result in table)
    assert compute(Indicator.objects.get(name="Indikator baru"), PERIOD).period == PERIOD


def test_population_and_enrolment_import_from_csv(city, tmp_path):
    kel_a, kel_b = city["kel"]
    population = tmp_path / "anak.csv"
    population.write_text(f"kode_kelurahan,tahun,jumlah_anak\n{kel_a.code},2026,150\n{kel_b.code},2027,90\n")
    call_command("import_participation_base", "population", str(population))
    assert ChildPopulation.objects.get(kelurahan=kel_a, year=2026).children == 150
    assert ChildPopulation.objects.get(kelurahan=kel_b, year=2027).children == 90
    enrolment = tmp_path / "siswa.csv"
    enrolment.write_text("npsn,tahun,jumlah_siswa\n22222222,2026,80\n")
    call_command("import_participation_base", "enrolment", str(enrolment))
    assert SchoolEnrolment.objects.get(school__npsn="22222222").pupils == 80


def test_a_bad_csv_line_imports_nothing(city, tmp_path):
    from django.core.management.base import CommandError

    bad = tmp_path / "anak.csv"
    bad.write_text(f"kode_kelurahan,tahun,jumlah_anak\n{city['kel'][0].code},2030,10\n99.99,2030,5\n")
    with pytest.raises(CommandError):
        call_command("import_participation_base", "population", str(bad))
    assert not ChildPopulation.objects.filter(year=2030).exists()


def test_officials_may_add_and_change_indicators_in_the_admin(client, make_user, builtin_indicators):
    official = make_user(Role.OFFICIAL)
    assert official.has_perm("results.add_indicator") and official.has_perm("results.change_indicator")
    assert not official.has_perm("results.delete_indicator")
    client.force_login(official)
    assert client.get("/admin/indikator/").status_code == 200
    assert client.get("/admin/indikator/new/").status_code == 200
