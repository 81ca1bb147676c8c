import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page, PageManager, PageQuerySet, Site, TranslatableMixin
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from cms.vocabulary import PARENT_LEVEL, RegionLevel, SchoolLevel, within_lookup


class User(AbstractUser):
    """A staff account. Children answering surveys never have one; Forum Anak members may."""

    email = models.EmailField(_("alamat e-mail"), blank=True)
    school = models.ForeignKey(
        "cms.School",
        verbose_name=_("sekolah"),
        help_text=_("Hanya untuk koordinator sekolah: sekolah yang ia wakili."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinators",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="user_email_unique_ci",
                violation_error_message=_("Alamat e-mail ini sudah dipakai akun lain."),
            )
        ]


class RegionQuerySet(models.QuerySet):
    def kecamatan(self) -> "RegionQuerySet":
        return self.filter(level=RegionLevel.KECAMATAN)

    def kelurahan(self) -> "RegionQuerySet":
        return self.filter(level=RegionLevel.KELURAHAN)

    def within(self, region: "Region") -> "RegionQuerySet":
        """Regions below ``region`` in the hierarchy (:func:`cms.vocabulary.lies_within`)."""
        return self.filter(within_lookup("code", region.code))


class Region(models.Model):
    """A province, city, kecamatan or kelurahan, identified by its Kemendagri code (e.g. ``64.71.01``)."""

    code = models.CharField(_("kode Kemendagri"), max_length=20, unique=True)
    level = models.CharField(_("tingkat"), max_length=12, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("wilayah induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField(_("nama"), max_length=120)
    name_official = models.CharField(_("nama resmi"), max_length=120, blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.name}"

    def clean(self) -> None:
        expected = PARENT_LEVEL.get(self.level)
        actual = self.parent.level if self.parent_id else None
        if expected == actual:
            return
        if expected is None:
            raise ValidationError({"parent": _("Provinsi tidak mempunyai wilayah induk.")})
        raise ValidationError(
            {"parent": _("Wilayah induk harus bertingkat %(level)s.") % {"level": RegionLevel(expected).label}}
        )


class SchoolStatus(models.TextChoices):
    PUBLIC = "negeri", _("Negeri")
    PRIVATE = "swasta", _("Swasta")


class School(models.Model):
    name = models.CharField(_("nama sekolah"), max_length=200)
    npsn = models.CharField(
        _("NPSN"),
        max_length=8,
        null=True,
        blank=True,
        unique=True,
        help_text=_("Nomor Pokok Sekolah Nasional (8 digit), bila ada."),
    )
    level = models.CharField(_("jenjang"), max_length=3, choices=SchoolLevel.choices)
    status = models.CharField(_("status"), max_length=6, choices=SchoolStatus.choices)
    kelurahan = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        related_name="schools",
        limit_choices_to={"level": RegionLevel.KELURAHAN},
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("sekolah")
        verbose_name_plural = _("sekolah")
        constraints = [
            models.UniqueConstraint(fields=["name", "kelurahan"], name="school_name_unique_per_kelurahan"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.npsn = self.npsn or None
        super().save(*args, **kwargs)


class CampaignTheme(TranslatableMixin, models.Model):
    """A theme from the managed list (perundungan, KSTR, SRA, …) that campaigns and stories are filed under.

    The ``code`` is stable across languages and is what links and filters use; the name is translated
    with Wagtail locales like any other content.
    """

    code = models.SlugField(_("kode"), max_length=30, help_text=_("Kode tetap untuk tautan, misalnya: kstr."))
    name = models.CharField(_("nama"), max_length=80)

    panels = [FieldPanel("name"), FieldPanel("code")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("tema kampanye")
        verbose_name_plural = _("tema kampanye")
        constraints = [models.UniqueConstraint(fields=["code", "locale"], name="campaign_theme_code_unique_per_locale")]

    def __str__(self) -> str:
        return self.name


class ThemedPageQuerySet(PageQuerySet):
    def about(self, theme_code: str | None) -> "ThemedPageQuerySet":
        """Pages filed under the theme with this code, in any language; every page when no code is given."""
        return self.filter(theme__code=theme_code) if theme_code else self

    def published(self) -> "ThemedPageQuerySet":
        return self.live().public()


ThemedPageManager = PageManager.from_queryset(ThemedPageQuerySet)

LISTING_PAGE_SIZE = 12


def paginate(items, request: HttpRequest, per_page: int = LISTING_PAGE_SIZE) -> PaginatorPage:
    return Paginator(items, per_page).get_page(request.GET.get("halaman"))


class ThemedIndexMixin:
    """A listing page whose children can be filtered by theme with ``?tema=<code>`` and paged with ``?halaman=``."""

    def get_listing(self) -> ThemedPageQuerySet:
        """The published child pages to list, newest first."""
        raise NotImplementedError

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        themes = list(CampaignTheme.objects.filter(locale=Locale.get_active()))
        requested = request.GET.get("tema", "")
        current_theme = next((theme for theme in themes if theme.code == requested), None)
        context["themes"] = themes
        context["current_theme"] = current_theme
        context["items"] = paginate(self.get_listing().about(current_theme and current_theme.code), request)
        return context


class TranslatedSitemapMixin:
    """Lists the page and its live translations in ``sitemap.xml``, linked as hreflang alternates.

    Wagtail's sitemap walks the default site's (Indonesian) tree only, so without this the English pages are missing
    (upstream: https://github.com/wagtail/wagtail/issues/12420).
    """

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict]:
        pages = [self, *self.get_translations().live().public().select_related("locale")]
        alternates = [
            {"location": page.get_full_url(request), "lang_code": page.locale.language_code} for page in pages
        ]
        return [
            {
                "location": alternate["location"],
                "lastmod": page.last_published_at or page.latest_revision_created_at,
                "alternates": alternates,
            }
            for page, alternate in zip(pages, alternates, strict=True)
        ]


class HomePage(TranslatedSitemapMixin, Page):
    """The root of a city's site, one per language."""

    intro = models.TextField(_("pengantar"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("featured_campaigns", label=_("Kampanye unggulan"), max_num=6),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("beranda")

    def get_featured_campaigns(self) -> list["CampaignPage"]:
        """The campaigns an editor chose, in the visitor's language; the newest three when none are chosen."""
        chosen = [item.campaign.localized for item in self.featured_campaigns.select_related("campaign")]
        chosen = [campaign for campaign in chosen if campaign.live]
        if chosen:
            return chosen
        return list(CampaignPage.objects.descendant_of(self).published().order_by("-start_date", "-pk")[:3])

    @property
    def source_home(self) -> "HomePage":
        """This site's home page in the default language, under which surveys and consultations are made."""
        return self.get_translation_or_none(Locale.get_default()) or self

    def get_open_surveys(self) -> list[Page]:
        """Children's surveys open now, in the visitor's language where translated (in Indonesian otherwise)."""
        surveys = (
            apps.get_model("surveys", "SurveyPage").objects.descendant_of(self.source_home).live().open().for_children()
        )
        return [survey.localized for survey in surveys.order_by("-opens_at")[:3]]

    def get_open_consultations(self) -> list[Page]:
        """Consultations children can give input to today, in the visitor's language where translated.

        Dates and answers belong to the consultation in the default language (where the input goes), so they are
        read there: a translation need not exist, and its own copy of the dates may be out of date.
        """
        today = timezone.localdate()
        consultations = (
            apps.get_model("forum", "ConsultationPage").objects.descendant_of(self.source_home).live().open(today)
        )
        return [consultation.localized for consultation in consultations.order_by("closes_on")[:3]]


class FeaturedCampaign(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_campaigns")
    campaign = models.ForeignKey(
        "cms.CampaignPage", verbose_name=_("kampanye"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("campaign")]

    class Meta(Orderable.Meta):
        verbose_name = _("kampanye unggulan")


class CampaignIndexPage(TranslatedSitemapMixin, ThemedIndexMixin, Page):
    """All campaigns (``/kampanye/``), newest first, filterable by theme."""

    intro = models.TextField(_("pengantar"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CampaignPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("daftar kampanye")

    def get_listing(self) -> ThemedPageQuerySet:
        return CampaignPage.objects.child_of(self).published().select_related("theme").order_by("-start_date", "-pk")


class HeroImageMixin(models.Model):
    """A large picture at the top of a page, with the alt text that must come with it."""

    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("gambar utama"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("teks alternatif gambar utama"),
        max_length=200,
        blank=True,
        help_text=_("Wajib bila ada gambar: jelaskan isinya. Jangan tulis nama anak."),
    )

    hero_panels = [MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], _("Gambar utama"))]

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.hero_image_id and not self.hero_image_alt.strip():
            raise ValidationError({"hero_image_alt": _("Tulis teks alternatif untuk gambar utama.")})

    @property
    def social_image(self):
        return self.hero_image


class CampaignPage(TranslatedSitemapMixin, HeroImageMixin, Page):  # noqa: DJ008 (Page.__str__ is the title)
    """One campaign: what it is about, for how long, what it wants to change, and what a child can do."""

    theme = models.ForeignKey(CampaignTheme, verbose_name=_("tema"), on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"), null=True, blank=True)
    goal = models.TextField(
        _("tujuan"), help_text=_("Apa yang ingin diubah kampanye ini, dalam satu atau dua kalimat.")
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("isi"), blank=True)
    action_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("halaman ajakan"),
        help_text=_("Survei, konsultasi atau halaman lain yang diajak untuk dikunjungi."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action_label = models.CharField(_("tulisan tombol ajakan"), max_length=60, blank=True)

    objects = ThemedPageManager()

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("theme"),
            FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Periode")),
            FieldPanel("goal"),
        ]
        + HeroImageMixin.hero_panels
        + [
            FieldPanel("body"),
            MultiFieldPanel([FieldPanel("action_page"), FieldPanel("action_label")], _("Ajakan bertindak")),
            InlinePanel("related_campaigns", label=_("Kampanye terkait"), max_num=3),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("goal", boost=2),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("kampanye")
        verbose_name_plural = _("kampanye")

    def clean(self) -> None:
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
        if self.action_page_id and not self.action_label.strip():
            raise ValidationError({"action_label": _("Tulis tulisan tombol untuk ajakan ini.")})

    @property
    def call_to_action_page(self) -> Page | None:
        """The action page in the visitor's language, or nothing when it is gone or not published."""
        if self.action_page is None:
            return None
        page = self.action_page.specific.localized
        return page if page.live else None

    def get_related_campaigns(self) -> list["CampaignPage"]:
        """The campaigns an editor linked; otherwise up to three others on the same theme."""
        chosen = [item.campaign.localized for item in self.related_campaigns.select_related("campaign")]
        chosen = [campaign for campaign in chosen if campaign.live and campaign.pk != self.pk]
        if chosen:
            return chosen
        siblings = CampaignPage.objects.sibling_of(self, inclusive=False).published()
        return list(siblings.filter(theme__code=self.theme.code).order_by("-start_date")[:3])


class RelatedCampaign(Orderable):
    source = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="related_campaigns")
    campaign = models.ForeignKey(CampaignPage, verbose_name=_("kampanye"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("campaign")]

    class Meta(Orderable.Meta):
        verbose_name = _("kampanye terkait")


class ArticleIndexPage(TranslatedSitemapMixin, RoutablePageMixin, ThemedIndexMixin, Page):
    """Stories and news (``/cerita/``), the section Forum Anak members may write drafts in, with an Atom feed."""

    intro = models.TextField(_("pengantar"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("daftar cerita")

    def get_listing(self) -> ThemedPageQuerySet:
        return ArticlePage.objects.child_of(self).published().select_related("theme").order_by("-date", "-pk")

    @property
    def feed_url(self) -> str:
        return self.url + self.reverse_subpage("feed")

    @path("feed/", name="feed")
    def feed(self, request: HttpRequest) -> HttpResponse:
        from cms.feeds import StoryFeed

        return StoryFeed(self)(request)


class ArticleKind(models.TextChoices):
    STORY = "story", _("Cerita")
    NEWS = "news", _("Berita")


class ArticlePage(TranslatedSitemapMixin, HeroImageMixin, Page):  # noqa: DJ008 (Page.__str__ is the title)
    """A story or a news item, credited to a group (e.g. a kecamatan's Forum Anak), never to a child by name.

    The page owner (a member's account) stays inside the admin; readers see only ``group_name``.
    """

    kind = models.CharField(_("jenis"), max_length=10, choices=ArticleKind.choices, default=ArticleKind.STORY)
    date = models.DateField(_("tanggal"))
    group_name = models.CharField(
        _("ditulis oleh (kelompok)"),
        max_length=120,
        help_text=_("Nama kelompok, misalnya: Forum Anak Kecamatan Balikpapan Utara. Jangan tulis nama anak."),
    )
    theme = models.ForeignKey(
        CampaignTheme, verbose_name=_("tema"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.TextField(_("ringkasan"), max_length=300)
    body = StreamField(BaseStreamBlock(), verbose_name=_("isi"), blank=True)

    objects = ThemedPageManager()

    content_panels = (
        Page.content_panels
        + [
            FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
            FieldPanel("group_name"),
            FieldPanel("theme"),
            FieldPanel("summary"),
        ]
        + HeroImageMixin.hero_panels
        + [FieldPanel("body")]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("group_name"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("cerita atau berita")
        verbose_name_plural = _("cerita dan berita")


class HelpPage(TranslatedSitemapMixin, Page):
    """Where to get help (``/bantuan/``): the site's help lines first, then whatever the editors add."""

    intro = models.TextField(_("pengantar"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("isi"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("halaman bantuan")


class StandardPage(TranslatedSitemapMixin, Page):
    """A plain page (about us, privacy, how surveys work)."""

    intro = models.TextField(_("pengantar"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("isi"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage", "cms.HelpPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("halaman biasa")


@register_setting(icon="help")
class HelpLineSettings(ClusterableModel, BaseSiteSetting):
    """The help lines shown in the help strip of every public page; facilitators keep the numbers current."""

    panels = [InlinePanel("help_lines", label=_("Layanan bantuan"), min_num=1)]

    class Meta:
        verbose_name = _("layanan bantuan")

    @classmethod
    def lines_for_request(cls, request: HttpRequest | None) -> list["HelpLine"]:
        """The request's site's help lines that have a number; SAPA 129 when there are none, so help is never missing."""
        if request is not None and hasattr(request, "_suara_help_lines"):
            return request._suara_help_lines
        site = Site.find_for_request(request) if request is not None else None
        lines = list(HelpLine.objects.filter(setting__site=site).exclude(phone="", whatsapp="")) if site else []
        lines = lines or [HelpLine.sapa()]
        if request is not None:
            request._suara_help_lines = lines
        return lines


class HelpLine(Orderable):
    """One help line. Its numbers are kept once for every language, so a changed number shows everywhere at once;
    its descriptions have an English field beside the Indonesian one (``hours_en``, ``helps_with_en``), shown on
    English pages, with the Indonesian text when it is empty."""

    setting = ParentalKey(HelpLineSettings, on_delete=models.CASCADE, related_name="help_lines")
    name = models.CharField(_("nama layanan"), max_length=80)
    phone = models.CharField(_("nomor telepon"), max_length=30, blank=True)
    whatsapp = models.CharField(_("nomor WhatsApp"), max_length=30, blank=True)
    hours = models.CharField(_("jam layanan"), max_length=80, blank=True)
    helps_with = models.CharField(_("membantu untuk"), max_length=200, blank=True)
    hours_en = models.CharField(_("jam layanan (bahasa Inggris)"), max_length=80, blank=True)
    helps_with_en = models.CharField(_("membantu untuk (bahasa Inggris)"), max_length=200, blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("whatsapp")]),
        FieldRowPanel([FieldPanel("hours"), FieldPanel("hours_en")]),
        FieldRowPanel([FieldPanel("helps_with"), FieldPanel("helps_with_en")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("layanan bantuan")
        verbose_name_plural = _("layanan bantuan")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def sapa(cls) -> "HelpLine":
        """KemenPPPA's national line: shown when a site has no help lines configured."""
        return cls(
            name="SAPA 129",
            phone="129",
            whatsapp="08111-129-129",
            hours=_("24 jam"),
            helps_with=_("Kekerasan terhadap anak dan perempuan"),
        )

    def in_language(self, field: str) -> str:
        """``field`` in the page's language: its ``_en`` twin on English pages when filled in."""
        if get_language() != settings.LANGUAGE_CODE:
            translated = getattr(self, f"{field}_{get_language()}", "")
            if translated:
                return translated
        return getattr(self, field)

    @property
    def localized_hours(self) -> str:
        return self.in_language("hours")

    @property
    def localized_helps_with(self) -> str:
        return self.in_language("helps_with")

    @property
    def tel_url(self) -> str:
        return "tel:" + re.sub(r"[^\d+]", "", self.phone) if self.phone else ""

    @property
    def whatsapp_url(self) -> str:
        """A ``wa.me`` link, which needs the number in international form (Indonesian 08… becomes 628…)."""
        digits = re.sub(r"\D", "", self.whatsapp)
        if not digits:
            return ""
        if digits.startswith("0"):
            digits = "62" + digits[1:]
        return f"https://wa.me/{digits}"


@dataclass(frozen=True)
class EmergencyNumber:
    """A national emergency number, the same in every kabupaten/kota: shown first where a child may be in danger."""

    number: str
    label: str

    @property
    def tel_url(self) -> str:
        return f"tel:{self.number}"


EMERGENCY_NUMBERS = (EmergencyNumber("112", _("Darurat")), EmergencyNumber("110", _("Polisi")))


class DownloadStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu giliran")
    RUNNING = "running", _("Sedang dibuat")
    DONE = "done", _("Siap diunduh")
    FAILED = "failed", _("Gagal")


class DownloadQuerySet(models.QuerySet):
    def for_owner(self, user) -> "DownloadQuerySet":
        """A reader's own downloads: nobody else may see that a download exists, let alone take its file."""
        return self.filter(owner=user) if user.is_authenticated else self.none()


class Download(models.Model):
    """A file a background job makes for one reader (a large export): its progress while it is made, then the file.

    The file lives under ``DOWNLOADS_ROOT``, outside the media files, and is served only to its owner. What was
    asked for is kept in ``params`` (ids and filter codes, never a number from the file); only the day it was
    asked for is kept.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pemilik"), on_delete=models.CASCADE, related_name="downloads"
    )
    kind = models.CharField(_("jenis"), max_length=40)
    file_format = models.CharField(_("format"), max_length=8)
    filename = models.CharField(_("nama berkas"), max_length=200)
    params = models.JSONField(_("permintaan"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=DownloadStatus.choices, default=DownloadStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    file = models.CharField(_("berkas"), max_length=200, blank=True)
    error = models.TextField(_("kesalahan"), blank=True)
    created_on = models.DateField(_("tanggal diminta"), default=timezone.localdate)

    objects = DownloadQuerySet.as_manager()

    class Meta:
        verbose_name = _("unduhan")
        verbose_name_plural = _("unduhan")

    def __str__(self) -> str:
        return f"{self.filename}.{self.file_format}"

    @property
    def is_finished(self) -> bool:
        return self.status in (DownloadStatus.DONE, DownloadStatus.FAILED)

    @property
    def is_ready(self) -> bool:
        return self.status == DownloadStatus.DONE and bool(self.file)

    @property
    def has_failed(self) -> bool:
        return self.status == DownloadStatus.FAILED

    @property
    def path(self) -> Path:
        """Where the file is (or will be) written."""
        return Path(settings.DOWNLOADS_ROOT) / (self.file or f"{self.pk}.{self.file_format}")

    def set_progress(self, percent: int, *, status: str = DownloadStatus.RUNNING) -> None:
        """Store how far the job is, without touching the rest of the row."""
        self.progress, self.status = max(0, min(100, percent)), status
        Download.objects.filter(pk=self.pk).update(progress=self.progress, status=self.status)
