from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from cms.roles import Role


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

    def has_role(self, role: Role) -> bool:
        return self.groups.filter(name=role.value).exists()


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("Provinsi")
    CITY = "city", _("Kabupaten/Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan/Desa")


class RegionQuerySet(models.QuerySet):
    def kecamatan(self) -> "RegionQuerySet":
        return self.filter(level=RegionLevel.KECAMATAN)

    def kelurahan(self) -> "RegionQuerySet":
        return self.filter(level=RegionLevel.KELURAHAN)

    def within(self, region: "Region") -> "RegionQuerySet":
        """Regions below ``region`` in the hierarchy; Kemendagri codes nest by prefix."""
        return self.filter(code__startswith=f"{region.code}.")


class Region(models.Model):
    """A province, city, kecamatan or kelurahan, identified by its Kemendagri code (e.g. ``64.71.01``)."""

    PARENT_LEVEL = {
        RegionLevel.PROVINCE: None,
        RegionLevel.CITY: RegionLevel.PROVINCE,
        RegionLevel.KECAMATAN: RegionLevel.CITY,
        RegionLevel.KELURAHAN: RegionLevel.KECAMATAN,
    }

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
        expected = self.PARENT_LEVEL.get(self.level)
        actual = self.parent.level if self.parent_id else None
        if expected == actual:
            return
        if expected is None:
            raise ValidationError({"parent": _("Provinsi tidak mempunyai wilayah induk.")})
        raise ValidationError(
            {"parent": _("Wilayah induk harus bertingkat %(level)s.") % {"level": RegionLevel(expected).label}}
        )


class SchoolLevel(models.TextChoices):
    SD = "SD", "SD"
    SMP = "SMP", "SMP"
    SMA = "SMA", "SMA"
    SMK = "SMK", "SMK"
    SLB = "SLB", "SLB"


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


class HomePage(Page):
    """The root of a city's site, one per language."""

    intro = models.TextField(_("pengantar"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("beranda")
