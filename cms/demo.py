"""Demo data for the site itself: regions, locales, the home page and its sections in both languages,
campaigns and stories, users and schools.

Every function here is idempotent: running ``seed_demo`` twice leaves the database as after once.
"""

import base64
from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.crypto import salted_hmac
from wagtail.models import Locale, Page, Site, TranslatableMixin

from cms.demo_pages import CAMPAIGNS, SECTIONS, STORIES
from cms.middleware import requires_mfa
from cms.models import (
    ArticleIndexPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    CampaignTheme,
    HelpPage,
    HomePage,
    Region,
    School,
    SchoolStatus,
)
from cms.services import DEFAULT_REGIONS_CSV, load_regions
from cms.vocabulary import Role, SchoolLevel

HOME_TITLES = {"id": "Suara Anak", "en": "Suara Anak"}
HOME_INTROS = {
    "id": "Tempat anak-anak menyampaikan suara: ikut survei, beri masukan untuk kebijakan, dan cari bantuan.",
    "en": "Where children make their voices heard: take part in surveys, give input on policies and find help.",
}
DEMO_LEVELS = [SchoolLevel.SD, SchoolLevel.SD, SchoolLevel.SMP, SchoolLevel.SD, SchoolLevel.SMA, SchoolLevel.SMK]
DEMO_SCHOOL_COUNT = 30


@dataclass(frozen=True)
class DemoUser:
    email: str
    first_name: str
    role: Role | None
    is_superuser: bool = False


DEMO_USERS = [
    DemoUser("admin@demo.suara-anak.test", "Admin Demo", None, is_superuser=True),
    DemoUser("fasilitator@demo.suara-anak.test", "Fasilitator Demo", Role.FACILITATOR),
    DemoUser("koordinator@demo.suara-anak.test", "Koordinator Demo", Role.SCHOOL_COORDINATOR),
    DemoUser("pejabat@demo.suara-anak.test", "Pejabat Demo", Role.OFFICIAL),
    DemoUser("anggota@demo.suara-anak.test", "Anggota Demo", Role.FORUM_MEMBER),
]


def demo_totp_secret(email: str) -> str:
    """The demo account's authenticator secret (base32), stable for one installation like its password."""
    return base64.b32encode(salted_hmac("suara-anak.seed_demo.totp", email).digest()[:20]).decode()


def demo_password(email: str) -> str:
    """A password that is stable for one installation (derived from its SECRET_KEY) and unknown elsewhere."""
    return "Demo-" + salted_hmac("suara-anak.seed_demo", email).hexdigest()[:12]


def seed_regions() -> None:
    with DEFAULT_REGIONS_CSV.open(encoding="utf-8", newline="") as file:
        load_regions(file)


def seed_home_pages() -> HomePage:
    id_locale = Locale.objects.get_or_create(language_code="id")[0]
    en_locale = Locale.objects.get_or_create(language_code="en")[0]
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=id_locale).first()
    if home is None:
        home = root.add_child(
            instance=HomePage(title=HOME_TITLES["id"], slug="beranda", intro=HOME_INTROS["id"], locale=id_locale)
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    if site.root_page_id != home.pk:
        old_root_id = site.root_page_id
        site.root_page = home
        site.site_name = "Suara Anak"
        site.save()
        stale = Page.objects.filter(pk=old_root_id, depth=2).exclude(pk=home.pk).first()
        if stale is not None and stale.specific_class != HomePage:
            stale.delete()
    if not home.get_translations().filter(locale=en_locale).exists():
        english = home.copy_for_translation(en_locale)
        english.title = HOME_TITLES["en"]
        english.intro = HOME_INTROS["en"]
        english.save_revision().publish()
    return home


def seed_schools() -> list[School]:
    kelurahan = list(Region.objects.kelurahan().order_by("parent__code", "code"))
    by_kecamatan: dict[int, list[Region]] = {}
    for region in kelurahan:
        by_kecamatan.setdefault(region.parent_id, []).append(region)
    spread = [region for group in zip(*by_kecamatan.values(), strict=False) for region in group]
    spread += [region for region in kelurahan if region not in spread]
    schools = []
    for number, region in enumerate(spread[:DEMO_SCHOOL_COUNT]):
        level = DEMO_LEVELS[number % len(DEMO_LEVELS)]
        school, _ = School.objects.get_or_create(
            name=f"{level} Demo {region.name} (bukan sekolah nyata)",
            kelurahan=region,
            defaults={"level": level, "status": SchoolStatus.PRIVATE if number % 4 == 3 else SchoolStatus.PUBLIC},
        )
        schools.append(school)
    return schools


def seed_users(schools: list[School]) -> dict[str, str]:
    """Create one demo account per role; return e-mail → what to sign in with.

    Accounts that must use MFA get a TOTP authenticator whose secret is shown with the password, so a
    tester can add it to an authenticator app.
    """
    User = get_user_model()
    passwords = {}
    for demo in DEMO_USERS:
        user = User.objects.filter(email__iexact=demo.email).first()
        if user is None:
            user = User(username=demo.email, email=demo.email, first_name=demo.first_name, last_name="")
            user.is_superuser = user.is_staff = demo.is_superuser
            user.set_password(demo_password(demo.email))
            if demo.role == Role.SCHOOL_COORDINATOR:
                user.school = schools[0]
            user.save()
            if demo.role:
                user.groups.add(Group.objects.get(name=demo.role.value))
        credential = demo_password(demo.email)
        if requires_mfa(user):
            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                TOTP.activate(user, demo_totp_secret(demo.email))
            credential += f"  (TOTP secret {demo_totp_secret(demo.email)})"
        passwords[demo.email] = credential
    return passwords


def ensure_translated_page(parent: Page, model: type[Page], shared: dict, texts: dict[str, dict]) -> Page:
    """The page under ``parent`` with the Indonesian slug, created and published with its English translation
    when missing. Translatable values in ``shared`` (a theme, a page) are swapped for their English versions."""
    english_locale = Locale.objects.get(language_code="en")
    page = model.objects.child_of(parent).filter(slug=texts["id"]["slug"]).first()
    if page is None:
        page = parent.add_child(instance=model(locale=parent.locale, **shared, **texts["id"]))
        page.save_revision().publish()
    if page.get_translation_or_none(english_locale) is None:
        english = page.copy_for_translation(english_locale)
        for name, value in (shared | texts["en"]).items():
            if isinstance(value, TranslatableMixin):
                value = value.get_translation(english_locale)
            setattr(english, name, value)
        english.save_revision().publish()
    return page


def seed_sections(home: HomePage) -> dict[str, Page]:
    models = {"campaigns": CampaignIndexPage, "stories": ArticleIndexPage, "help": HelpPage}
    return {key: ensure_translated_page(home, models[key], {"show_in_menus": True}, SECTIONS[key]) for key in models}


def seed_campaigns_and_stories(sections: dict[str, Page]) -> None:
    themes = {theme.code: theme for theme in CampaignTheme.objects.filter(locale=sections["campaigns"].locale)}
    for campaign in CAMPAIGNS:
        shared = campaign["shared"] | {"theme": themes[campaign["shared"]["theme"]]}
        if "action" in campaign:
            shared["action_page"] = sections[campaign["action"]]
        ensure_translated_page(sections["campaigns"], CampaignPage, shared, campaign)
    for story in STORIES:
        shared = story["shared"] | {"theme": themes[story["shared"]["theme"]]}
        ensure_translated_page(sections["stories"], ArticlePage, shared, story)


@transaction.atomic
def seed() -> dict[str, str]:
    seed_regions()
    home = seed_home_pages()
    seed_campaigns_and_stories(seed_sections(home))
    schools = seed_schools()
    return seed_users(schools)
