"""Forum Anak groups at city, kecamatan and kelurahan level, their members and their activities."""

import datetime
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.images import get_image_model_string

from cms.models import Region
from cms.vocabulary import AgeBand, RegionLevel, SchoolLevel, recorded_sex_choices, within_lookup

ALUMNUS_AGE = 18
GROUP_LEVELS = (RegionLevel.CITY, RegionLevel.KECAMATAN, RegionLevel.KELURAHAN)


def one_year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


NAME_PREFIXES = {RegionLevel.KECAMATAN: _("Kecamatan"), RegionLevel.KELURAHAN: _("Kelurahan")}
"""How a group's name reads before its region's name; a city's name already says "Kota" or "Kabupaten"."""


class GroupStatus(models.TextChoices):
    ACTIVE = "active", _("Aktif")
    INACTIVE = "inactive", _("Tidak aktif")


class ForumGroupQuerySet(models.QuerySet):
    def for_user(self, user) -> "ForumGroupQuerySet":
        """Groups a staff member may manage: all for administrators; for a facilitator, the groups they are
        assigned to and every group below them in the region hierarchy (a kecamatan facilitator also
        looks after the kelurahan groups of that kecamatan)."""
        if user.is_superuser:
            return self
        codes = list(
            ForumGroup.objects.filter(facilitators__pk=user.pk).values_list("region__code", flat=True).distinct()
        )
        if not codes:
            return self.none()
        below = [within_lookup("region__code", code) for code in codes]
        return self.filter(reduce(or_, below, Q(region__code__in=codes)))

    def active(self, on: datetime.date | None = None) -> "ForumGroupQuerySet":
        """Groups that count as active on ``on`` (today by default) for KLA: their status is *active* and
        they held at least one activity in the twelve months up to and including that day.

        A group whose status says active but which did nothing for a year does not count: the status is
        what the facilitator believes, the activities are the evidence.
        """
        on = on or timezone.localdate()
        recent = Activity.objects.filter(group=models.OuterRef("pk"), date__gt=one_year_before(on), date__lte=on)
        return self.filter(status=GroupStatus.ACTIVE).filter(models.Exists(recent))

    def count_by_level(self) -> dict[str, int]:
        """Number of groups per region level (``city``, ``kecamatan``, ``kelurahan``), zero included."""
        counts = dict(self.order_by().values_list("region__level").annotate(total=Count("pk")))
        return {level.value: counts.get(level.value, 0) for level in GROUP_LEVELS}


class ForumGroup(models.Model):
    """One Forum Anak per region; its level is the level of its region (city, kecamatan or kelurahan)."""

    region = models.OneToOneField(
        Region,
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="forum_group",
        limit_choices_to={"level__in": GROUP_LEVELS},
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fasilitator"),
        blank=True,
        related_name="forum_groups",
        help_text=_("Fasilitator yang mendampingi forum ini dan forum di bawahnya."),
    )
    status = models.CharField(_("status"), max_length=10, choices=GroupStatus.choices, default=GroupStatus.ACTIVE)
    formed_on = models.DateField(_("tanggal dibentuk"), null=True, blank=True)
    decree_number = models.CharField(_("nomor SK"), max_length=100, blank=True)
    about = models.TextField(_("profil singkat"), blank=True, help_text=_("Tampil di halaman publik forum."))

    objects = ForumGroupQuerySet.as_manager()

    class Meta:
        ordering = ["region__code"]
        verbose_name = _("Forum Anak")
        verbose_name_plural = _("Forum Anak")

    def __str__(self) -> str:
        return " ".join(filter(None, ["Forum Anak", str(NAME_PREFIXES.get(self.region.level, "")), self.region.name]))

    def get_absolute_url(self) -> str:
        return reverse("forum:group_detail", kwargs={"code": self.region.code})

    @property
    def level(self) -> str:
        return self.region.level

    @property
    def counts_as_active(self) -> bool:
        """Whether the group counts as active today under the rule of :meth:`ForumGroupQuerySet.active`."""
        return ForumGroup.objects.active().filter(pk=self.pk).exists()

    def clean(self) -> None:
        if self.region_id and self.region.level not in GROUP_LEVELS:
            raise ValidationError({"region": _("Forum Anak dibentuk di tingkat kota, kecamatan atau kelurahan.")})


class MemberRole(models.TextChoices):
    CHAIR = "ketua", _("Ketua")
    VICE_CHAIR = "wakil", _("Wakil ketua")
    SECRETARY = "sekretaris", _("Sekretaris")
    TREASURER = "bendahara", _("Bendahara")
    MEMBER = "anggota", _("Anggota")


class MemberQuerySet(models.QuerySet):
    def for_user(self, user) -> "MemberQuerySet":
        """Members a staff member may see: those of the groups :meth:`ForumGroupQuerySet.for_user` allows."""
        if user.is_superuser:
            return self
        return self.filter(group__in=ForumGroup.objects.for_user(user))

    def current(self, on: datetime.date | None = None) -> "MemberQuerySet":
        """Members who are still children on ``on``; see :meth:`Member.is_alumnus_on` for the rule."""
        on = on or timezone.localdate()
        return self.filter(birth_year__gt=on.year - ALUMNUS_AGE)

    def alumni(self, on: datetime.date | None = None) -> "MemberQuerySet":
        on = on or timezone.localdate()
        return self.filter(birth_year__lte=on.year - ALUMNUS_AGE)


def birth_year_validators() -> list:
    return [MinValueValidator(1990), MaxValueValidator(2100)]


class Member(models.Model):
    """A child in a Forum Anak, recorded with as little data as the forum needs: no full name, no birth date,
    no address, no contact details."""

    group = models.ForeignKey(ForumGroup, verbose_name=_("forum"), on_delete=models.PROTECT, related_name="members")
    display_name = models.CharField(
        _("nama panggilan"), max_length=60, help_text=_("Nama panggilan saja, bukan nama lengkap.")
    )
    birth_year = models.PositiveSmallIntegerField(_("tahun lahir"), validators=birth_year_validators())
    sex = models.CharField(_("jenis kelamin"), max_length=10, choices=recorded_sex_choices())
    school_level = models.CharField(
        _("jenjang sekolah"),
        max_length=3,
        choices=SchoolLevel.choices,
        blank=True,
        help_text=_("Kosongkan bila tidak bersekolah."),
    )
    kelurahan = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": RegionLevel.KELURAHAN},
    )
    role = models.CharField(_("peran"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    guardian_consent_on = models.DateField(
        _("tanggal izin orang tua/wali"), help_text=_("Tanggal surat izin orang tua atau wali.")
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("izin dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["group__region__code", "display_name"]
        verbose_name = _("anggota")
        verbose_name_plural = _("anggota")

    def __str__(self) -> str:
        return self.display_name

    def is_alumnus_on(self, day: datetime.date) -> bool:
        """Whether the member has left the forum as an alumnus on ``day``.

        Only the birth year is stored, so a member becomes an alumnus on 1 January of the year they turn 18:
        up to a year early rather than ever keeping an adult among the children. Derived, so no job runs.
        """
        return day.year - self.birth_year >= ALUMNUS_AGE

    @property
    def is_alumnus(self) -> bool:
        return self.is_alumnus_on(timezone.localdate())


class ActivityKind(models.TextChoices):
    MEETING = "meeting", _("Pertemuan")
    TRAINING = "training", _("Pelatihan")
    CAMPAIGN = "campaign", _("Kampanye")
    MUSRENBANG = "musrenbang", _("Musrenbang")
    OTHER = "other", _("Lainnya")


class ActivityQuerySet(models.QuerySet):
    def for_user(self, user) -> "ActivityQuerySet":
        if user.is_superuser:
            return self
        return self.filter(group__in=ForumGroup.objects.for_user(user))


class Activity(ClusterableModel):
    """Something a Forum Anak did. Activities are the evidence that a group is active (see
    :meth:`ForumGroupQuerySet.active`). Participants are counted by sex and age band
    (:class:`ActivityHeadCount`), never named."""

    group = models.ForeignKey(ForumGroup, verbose_name=_("forum"), on_delete=models.PROTECT, related_name="activities")
    date = models.DateField(_("tanggal"))
    kind = models.CharField(_("jenis kegiatan"), max_length=12, choices=ActivityKind.choices)
    place = models.CharField(_("tempat"), max_length=200)
    summary = models.TextField(_("ringkasan"))

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.place} · {self.date:%d-%m-%Y}"

    @property
    def participant_total(self) -> int:
        return sum(count.children for count in self.head_counts.all())

    def participants(self, sex: str, age_band: str) -> int:
        """How many children of this sex and age band took part (0 when none were recorded)."""
        return sum(count.children for count in self.head_counts.all() if (count.sex, count.age_band) == (sex, age_band))


class ActivityHeadCount(models.Model):
    """How many children of one sex and one age band took part in an activity; one row per combination."""

    activity = ParentalKey(Activity, verbose_name=_("kegiatan"), on_delete=models.CASCADE, related_name="head_counts")
    sex = models.CharField(_("jenis kelamin"), max_length=10, choices=recorded_sex_choices())
    age_band = models.CharField(_("kelompok umur"), max_length=5, choices=AgeBand.choices)
    children = models.PositiveSmallIntegerField(_("jumlah anak"))

    class Meta:
        ordering = ["sex", "age_band"]
        verbose_name = _("jumlah peserta")
        verbose_name_plural = _("jumlah peserta")
        constraints = [
            models.UniqueConstraint(fields=["activity", "sex", "age_band"], name="activity_head_count_once_per_group")
        ]

    def __str__(self) -> str:
        return f"{self.get_sex_display()} {self.get_age_band_display()}: {self.children}"


class ActivityPhoto(models.Model):
    """A photo of an activity. It can only be attached once the facilitator confirms that the children shown
    and their parents or guardians agreed; the database refuses a photo without that confirmation."""

    activity = ParentalKey(Activity, verbose_name=_("kegiatan"), on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        get_image_model_string(), verbose_name=_("foto"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("keterangan"), max_length=200, blank=True)
    has_consent = models.BooleanField(
        _("anak dan orang tua/wali di foto sudah setuju foto ini disimpan dan ditampilkan"), default=False
    )

    class Meta:
        verbose_name = _("foto kegiatan")
        verbose_name_plural = _("foto kegiatan")
        constraints = [
            models.CheckConstraint(
                condition=Q(has_consent=True),
                name="activity_photo_requires_consent",
                violation_error_message=_("Foto hanya boleh diunggah dengan izin anak dan orang tua/wali."),
            )
        ]

    def __str__(self) -> str:
        return self.caption or str(self.image)

    def clean(self) -> None:
        if not self.has_consent:
            raise ValidationError(
                {"has_consent": _("Centang izin dulu: foto anak hanya boleh diunggah dengan persetujuan.")}
            )
