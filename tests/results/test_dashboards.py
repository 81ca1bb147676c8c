"""Who sees which results: officials the whole city (never a single response or free text), a school
coordinator their own school beside the rest of the city, the public only published questions."""

import pytest
from django.urls import reverse

from cms.models import Region, School, SchoolLevel, SchoolStatus
from cms.roles import Role
from surveys.results.pages import published_chart
from surveys.results.suppression import rounded


@pytest.fixture
def schools(regions):
    kelurahan = list(Region.objects.kelurahan().order_by("code")[:2])
    mine = School.objects.create(
        name="SMP Kita", level=SchoolLevel.SMP, status=SchoolStatus.PUBLIC, kelurahan=kelurahan[0]
    )
    other = School.objects.create(
        name="SMP Tetangga Rahasia", level=SchoolLevel.SMP, status=SchoolStatus.PUBLIC, kelurahan=kelurahan[1]
    )
    return mine, other


@pytest.fixture
def answered(survey, answer_survey, schools):
    mine, other = schools
    answer_survey(survey, 9, {"bullied": "no", "safe_school": "4", "wish": "Namaku Sinta dari kelas 7B"}, school=mine)
    answer_survey(survey, 6, {"bullied": "yes", "safe_school": "2"}, school=mine)
    answer_survey(survey, 5, {"bullied": "prefer_not_to_say", "safe_school": "3"}, school=mine)
    answer_survey(survey, 7, {"bullied": "yes", "safe_school": "1"}, school=other)
    answer_survey(survey, 5, {"bullied": "prefer_not_to_say", "safe_school": "1"}, school=other)
    answer_survey(survey, 23, {"bullied": "no", "safe_school": "3"})
    return survey


def test_an_official_sees_the_city_without_free_text_or_single_responses(client, make_user, answered):
    client.force_login(make_user(Role.OFFICIAL))
    response = client.get(reverse("results:official"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sinta" not in html and "kelas 7B" not in html
    assert "Seberapa sering kamu merasa aman di sekolah?" in html
    assert "Indikator partisipasi" in html
    assert response.context["respondents"].grand_total.value == rounded(55, answered.min_group_size)
    for chart in response.context["charts"]:
        assert chart.table.grand_total.value is None or chart.table.grand_total.value >= answered.min_group_size


def test_every_filter_is_read_from_the_query_string(client, make_user, answered, schools):
    client.force_login(make_user(Role.OFFICIAL))
    kecamatan = Region.objects.kecamatan().first()
    response = client.get(
        reverse("results:official"),
        {
            "survei": answered.pk,
            "kecamatan": kecamatan.code,
            "jk": "female",
            "umur": "13-15",
            "jenjang": "SMP",
            "dari": "2026-01-01",
            "sampai": "2026-12-31",
            "rinci": "sex",
            "sekolah": schools[0].pk,
        },
    )
    assert response.status_code == 200
    scope = response.context["scope"]
    assert scope.where.kecamatan == kecamatan.code and scope.where.sex == "female" and scope.by == "sex"


def test_bad_filters_get_an_error_not_a_crash(client, make_user, answered):
    client.force_login(make_user(Role.OFFICIAL))
    response = client.get(reverse("results:official"), {"dari": "kemarin", "survei": "abc", "rinci": "nama"})
    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.parametrize("role", [Role.SCHOOL_COORDINATOR, Role.FORUM_MEMBER])
def test_other_roles_cannot_open_the_city_dashboard(client, make_user, role, answered):
    client.force_login(make_user(role))
    assert client.get(reverse("results:official")).status_code == 403


def test_a_coordinator_sees_their_school_beside_the_rest_of_the_city(client, make_user, answered, schools):
    mine, other = schools
    client.force_login(make_user(Role.SCHOOL_COORDINATOR, school=mine))
    response = client.get(reverse("results:school"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "SMP Kita" in html
    assert "SMP Tetangga Rahasia" not in html
    chart = next(chart for chart in response.context["charts"] if chart.id == "q-bullied")
    assert chart.table.row_labels == ("SMP Kita", "Sekolah lain di kota")
    no = chart.table.columns.index("no")
    assert chart.table.cells[0][no].value == rounded(9, answered.min_group_size)


def test_a_coordinator_can_never_reach_another_school(client, make_user, answered, schools):
    mine, other = schools
    client.force_login(make_user(Role.SCHOOL_COORDINATOR, school=mine))
    for params in ({"sekolah": other.pk}, {"school": other.pk}, {"survei": answered.pk, "sekolah": other.pk}):
        response = client.get(reverse("results:school"), params)
        assert "SMP Tetangga Rahasia" not in response.content.decode()
        assert all(chart.table.row_labels[0] == "SMP Kita" for chart in response.context["charts"])
    assert client.get(reverse("results:official"), {"sekolah": other.pk}).status_code == 403
    assert client.get(reverse("results:export_summary", args=["csv"]), {"sekolah": other.pk}).status_code == 403


def test_a_coordinator_without_a_school_sees_nothing(client, make_user, answered):
    client.force_login(make_user(Role.SCHOOL_COORDINATOR))
    assert client.get(reverse("results:school")).status_code == 403


def test_the_public_page_shows_only_published_questions(client, answered):
    answered.published_results = ["bullied"]
    answered.save_revision().publish()
    response = client.get(reverse("results:public"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Apakah kamu dirundung bulan ini?" in html
    assert "Seberapa sering kamu merasa aman di sekolah?" not in html
    assert "Sinta" not in html
    assert "Suaramu sudah dihitung" in html


def test_a_published_chart_draws_the_suppressed_city_numbers(answered):
    assert published_chart(answered, "safe_school") is None
    answered.published_results = ["bullied"]
    answered.save()
    chart = published_chart(answered, "bullied")
    bar = chart.figure["data"][0]
    k = answered.min_group_size
    assert dict(zip(bar["x"], bar["y"], strict=True)) == {
        "Ya": rounded(13, k),
        "Tidak": rounded(32, k),
        "Saya tidak ingin menjawab": rounded(10, k),
    }
    by_kecamatan = published_chart(answered, "bullied", by="kecamatan")
    assert by_kecamatan.table.column_totals[0].label == chart.table.cells[0][0].label


def test_the_admin_dashboard_has_a_results_panel_for_facilitators(client, make_user, answered):
    client.force_login(make_user(Role.FACILITATOR))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Suara anak: ringkasan hasil" in response.content.decode()


def test_the_admin_results_panel_names_the_surveys_own_k(client, make_user, answered):
    client.force_login(make_user(Role.FACILITATOR))
    answered.min_group_size = 8
    answered.save()
    html = client.get("/admin/").content.decode()
    assert "Angka di bawah 8 anak ditampilkan sebagai “< 8”." in html
    assert "Angka di bawah 5 anak" not in html


@pytest.mark.django_db
def test_the_demo_publishes_results_and_denominators_once(client):
    import io

    from django.core.management import call_command

    from surveys.results.models import ChildPopulation

    call_command("seed_demo", stdout=io.StringIO())
    populations = ChildPopulation.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert ChildPopulation.objects.count() == populations > 0
    html = client.get(reverse("results:public")).content.decode()
    assert "Survei Keamanan dan Perundungan 2026" in html
