import io

from django.apps import apps
from django.core.management import call_command
from wagtail.blocks import StreamValue
from wagtail.models import Site

from cms.demo import DEMO_USERS, demo_password, demo_totp_secret
from cms.models import HomePage, Region, School, User
from cms.roles import Role


def stored(value):
    """What the database holds: a StreamField's value would otherwise repr with memory addresses."""
    return value.get_prep_value() if isinstance(value, StreamValue) else value


def database_snapshot() -> dict[str, list]:
    return {
        model._meta.label: sorted(repr(tuple(map(stored, row))) for row in model.objects.values_list())
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "admin"} and model._meta.managed  # django_rq's has no table
    }


def test_seeding_twice_changes_nothing(db):
    call_command("seed_demo", stdout=io.StringIO())
    first = database_snapshot()
    call_command("seed_demo", stdout=io.StringIO())
    assert database_snapshot() == first


def test_seed_creates_home_page_in_both_languages_as_site_root(db):
    call_command("seed_demo", stdout=io.StringIO())
    home = HomePage.objects.get(locale__language_code="id")
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    english = home.get_translation(home.get_translations().get(locale__language_code="en").locale)
    assert english.live and english.intro.startswith("Where children")


def test_seed_creates_one_demo_user_per_role(db):
    call_command("seed_demo", stdout=io.StringIO())
    for role in Role:
        assert User.objects.filter(groups__name=role.value).count() == 1
    assert User.objects.filter(is_superuser=True).count() == 1
    coordinator = User.objects.get(groups__name=Role.SCHOOL_COORDINATOR.value)
    assert coordinator.school is not None
    for demo in DEMO_USERS:
        assert User.objects.get(email=demo.email).check_password(demo_password(demo.email))


def test_seed_creates_about_thirty_demo_schools_in_all_six_kecamatan(db):
    call_command("seed_demo", stdout=io.StringIO())
    schools = School.objects.select_related("kelurahan__parent")
    assert 25 <= schools.count() <= 35
    assert {school.kelurahan.parent.code for school in schools} == set(
        Region.objects.kecamatan().values_list("code", flat=True)
    )
    assert all("Demo" in school.name and "bukan sekolah nyata" in school.name for school in schools)


def test_passwords_are_printed_only_when_debug_is_on(db, settings):
    settings.DEBUG = False
    quiet = io.StringIO()
    call_command("seed_demo", stdout=quiet)
    assert demo_password(DEMO_USERS[0].email) not in quiet.getvalue()

    settings.DEBUG = True
    loud = io.StringIO()
    call_command("seed_demo", stdout=loud)
    for demo in DEMO_USERS:
        assert f"{demo.email}  {demo_password(demo.email)}" in loud.getvalue()
    assert f"TOTP secret {demo_totp_secret(DEMO_USERS[1].email)}" in loud.getvalue()


def test_demo_staff_who_must_use_mfa_have_a_working_authenticator(client, db):
    from tests.conftest import current_totp_code

    call_command("seed_demo", stdout=io.StringIO())
    email = "fasilitator@demo.suara-anak.test"
    client.post("/akun/login/", {"login": email, "password": demo_password(email)})
    response = client.post("/akun/2fa/authenticate/", {"code": current_totp_code(demo_totp_secret(email))})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
