"""Demo data for Forum Anak: a group for the city and every kecamatan and kelurahan, a year of activities,
members, three consultations in different states (open, awaiting an answer, answered), and proposals made from two
of them with their trails (Jejak Suara).

Runs after ``cms.demo.seed`` (regions, home page, demo users). Idempotent: each part is created once.
Dates are relative to the day of seeding, so the demo always shows a current year.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from wagtail.models import GroupPagePermission, Locale

from cms.models import HomePage, Region
from cms.vocabulary import AgeBand, RegionLevel, Role, SchoolLevel, Sex
from forum.models import (
    Activity,
    ActivityHeadCount,
    ActivityKind,
    AnswerDecision,
    ConsultationAnswer,
    ConsultationIndexPage,
    ConsultationInput,
    ConsultationPage,
    ConsultationSummary,
    ConsultationTarget,
    ForumGroup,
    InputStatus,
    Member,
    MemberRole,
    Proposal,
    ProposalSource,
    ProposalStep,
    StepKind,
    SubjectType,
)
from forum.models.groups import GROUP_LEVELS
from forum.models.proposals import ATTRIBUTED_ROLE, STEP_PERMISSIONS, STEP_PLACE

DEMO_FACILITATOR_EMAIL = "fasilitator@demo.suara-anak.test"
DEMO_OFFICIAL_EMAIL = "pejabat@demo.suara-anak.test"
INACTIVE_DEMO_KELURAHAN = 3
FACILITATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]

MEMBER_ROLES = [MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.SECRETARY, MemberRole.TREASURER, MemberRole.MEMBER]
MEMBER_NAMES = ["Nadia", "Raka", "Salsa", "Bima", "Aulia", "Dimas"]
ACTIVITY_PLAN = [
    (ActivityKind.MEETING, "Rapat rutin pengurus", "Membahas rencana kegiatan bulan depan."),
    (ActivityKind.CAMPAIGN, "Kampanye stop perundungan", "Membagikan poster dan bermain peran di sekolah."),
    (ActivityKind.TRAINING, "Pelatihan hak anak", "Belajar tentang hak anak dan cara melapor ke orang dewasa."),
    (ActivityKind.MUSRENBANG, "Musrenbang", "Menyampaikan usulan anak tentang ruang bermain dan penerangan jalan."),
]


def seed_groups(today: datetime.date) -> list[ForumGroup]:
    regions = Region.objects.filter(level__in=GROUP_LEVELS).order_by("code")
    groups = []
    for number, region in enumerate(regions):
        group, _ = ForumGroup.objects.get_or_create(
            region=region,
            defaults={
                "formed_on": datetime.date(today.year - 3, 1 + number % 12, 1 + number % 28),
                "decree_number": f"SK-DEMO/{number + 1:03d}/FA",
                "about": f"Forum Anak {region.name}: anak-anak yang menyuarakan hak anak di wilayahnya (data demo).",
            },
        )
        groups.append(group)
    facilitator = get_user_model().objects.filter(email__iexact=DEMO_FACILITATOR_EMAIL).first()
    first_kecamatan = next((group for group in groups if group.level == RegionLevel.KECAMATAN), None)
    if facilitator and first_kecamatan and not facilitator.forum_groups.exists():
        first_kecamatan.facilitators.add(facilitator)
    return groups


def seed_members(groups: list[ForumGroup], today: datetime.date) -> None:
    if Member.objects.exists():
        return
    facilitator = get_user_model().objects.filter(email__iexact=DEMO_FACILITATOR_EMAIL).first()
    members = []
    for group in groups:
        if group.level == RegionLevel.KELURAHAN:
            continue
        kelurahan = Region.objects.kelurahan().within(group.region).first()
        kelurahan = kelurahan or Region.objects.kelurahan().first()
        for number, name in enumerate(MEMBER_NAMES):
            members.append(
                Member(
                    group=group,
                    display_name=f"{name} (demo)",
                    birth_year=today.year - (12 + number) - (6 if number == len(MEMBER_NAMES) - 1 else 0),
                    sex=Sex.FEMALE if number % 2 == 0 else Sex.MALE,
                    school_level=SchoolLevel.SMP if number < 3 else SchoolLevel.SMA,
                    kelurahan=kelurahan,
                    role=MEMBER_ROLES[min(number, len(MEMBER_ROLES) - 1)],
                    guardian_consent_on=today - datetime.timedelta(days=200 + number),
                    consent_recorded_by=facilitator,
                )
            )
    Member.objects.bulk_create(members)


def seed_activities(groups: list[ForumGroup], today: datetime.date) -> None:
    """A year of activities: monthly in the city and kecamatan groups, quarterly in kelurahan groups, except
    a few kelurahan groups whose last activity is over a year old (they show as not active)."""
    if Activity.objects.exists():
        return
    activities, head_counts = [], []
    kelurahan_seen = 0
    for group in groups:
        is_kelurahan = group.level == RegionLevel.KELURAHAN
        kelurahan_seen += is_kelurahan
        stale = is_kelurahan and kelurahan_seen <= INACTIVE_DEMO_KELURAHAN
        months = range(14, 18) if stale else range(0, 12, 3 if is_kelurahan else 1)
        for number, months_ago in enumerate(months):
            kind, title, summary = ACTIVITY_PLAN[number % len(ACTIVITY_PLAN)]
            activities.append(
                Activity(
                    group=group,
                    date=today - datetime.timedelta(days=30 * months_ago + 5),
                    kind=kind,
                    place=f"Aula Kelurahan {group.region.name}" if is_kelurahan else f"Kantor {group.region.name}",
                    summary=f"{title}. {summary}",
                )
            )
            head_counts.append(
                {
                    (Sex.FEMALE, AgeBand.FROM_13_TO_15): 6 + number % 4,
                    (Sex.MALE, AgeBand.FROM_13_TO_15): 5 + number % 3,
                    (Sex.FEMALE, AgeBand.FROM_10_TO_12): 3,
                    (Sex.MALE, AgeBand.FROM_16_TO_17): 2,
                }
            )
    Activity.objects.bulk_create(activities)
    ActivityHeadCount.objects.bulk_create(
        ActivityHeadCount(activity=activity, sex=sex, age_band=band, children=children)
        for activity, counts in zip(activities, head_counts, strict=True)
        for (sex, band), children in counts.items()
    )


CONSULTATIONS = [
    {
        "slug": "perda-kawasan-tanpa-rokok",
        "title": "Kawasan Tanpa Rokok: apa pendapatmu?",
        "subject_name": "Rancangan Peraturan Daerah tentang Kawasan Tanpa Rokok (KTR)",
        "subject_type": SubjectType.REGULATION,
        "agency": "Dinas Kesehatan",
        "question": "Di mana saja kamu masih sering melihat orang merokok di dekat anak-anak? Apa usulmu?",
        "background": "Pemerintah kota sedang memperbarui aturan tentang tempat-tempat yang harus bebas asap rokok.",
        "days": (-120, -90),
        "inputs": [
            "Di depan sekolah masih banyak yang merokok waktu menunggu anak pulang.",
            "Taman kota harus bebas rokok karena banyak anak kecil bermain di sana.",
            "Warung dekat sekolah jangan jual rokok ke anak-anak.",
            "Angkot juga harus bebas asap rokok.",
        ],
        "summary": "Anak-anak meminta depan sekolah, taman kota, dan angkutan umum bebas asap rokok, serta "
        "larangan menjual rokok kepada anak di sekitar sekolah.",
        "delivered_to": "Kepala Dinas Kesehatan",
        "answer": {
            "decision": AnswerDecision.PARTLY_ACCEPTED,
            "reasons": "Sekolah, taman kota, dan angkot dimasukkan ke aturan Kawasan Tanpa Rokok. Larangan "
            "menjual rokok di dekat sekolah diatur dengan peraturan lain yang sedang disiapkan.",
            "next_steps": "Aturan baru berlaku tahun depan. Petugas akan memasang tanda dilarang merokok dan "
            "memeriksa sekolah serta taman setiap bulan.",
        },
    },
    {
        "slug": "lokasi-rbra-baru",
        "title": "Di mana ruang bermain ramah anak yang baru?",
        "subject_name": "Rencana pembangunan Ruang Bermain Ramah Anak (RBRA) tahun depan",
        "subject_type": SubjectType.PLAN,
        "agency": "Dinas Pekerjaan Umum dan Penataan Ruang",
        "question": "Kalau kota membangun ruang bermain baru, di mana sebaiknya, dan apa yang harus ada di sana?",
        "background": "Tahun depan kota akan membangun beberapa RBRA baru. Kamu boleh ikut menentukan.",
        "days": (-60, -20),
        "inputs": [
            "Di dekat rumah susun, karena anak-anak di sana tidak punya tempat bermain.",
            "Harus ada tempat teduh dan air minum.",
            "Ayunan yang bisa dipakai teman yang memakai kursi roda.",
        ],
        "summary": "Anak-anak mengusulkan RBRA di dekat permukiman padat, dengan tempat teduh, air minum, dan "
        "permainan yang bisa dipakai anak penyandang disabilitas.",
        "delivered_to": "Kepala Bidang Tata Ruang, Dinas PUPR",
        "answer": None,
    },
    {
        "slug": "kebijakan-anti-perundungan-sekolah",
        "title": "Sekolah tanpa perundungan: apa yang harus dilakukan sekolah?",
        "subject_name": "Kebijakan pencegahan perundungan di sekolah",
        "subject_type": SubjectType.POLICY,
        "agency": "Dinas Pendidikan dan Kebudayaan",
        "question": "Apa yang harus dilakukan sekolah supaya tidak ada lagi perundungan? Siapa yang ingin kamu "
        "ajak bicara kalau kamu dirundung?",
        "background": "Dinas Pendidikan sedang menyusun kebijakan anti-perundungan untuk semua sekolah.",
        "days": (-10, 30),
        "inputs": [
            "Guru BK harus ada setiap hari dan mudah ditemui.",
            "Ada kotak surat rahasia untuk melapor.",
        ],
        "summary": None,
        "delivered_to": "",
        "answer": None,
    },
]


def seed_consultations(today: datetime.date) -> ConsultationIndexPage | None:
    home = HomePage.objects.filter(locale=Locale.objects.filter(language_code="id").first()).first()
    if home is None:
        return None
    index = ConsultationIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=ConsultationIndexPage(
                title="Konsultasi Anak",
                slug="konsultasi",
                intro="Pemerintah kota bertanya kepada anak-anak. Beri masukanmu, lalu lihat jawabannya di sini.",
            )
        )
        index.save_revision().publish()
    official = get_user_model().objects.filter(email__iexact=DEMO_OFFICIAL_EMAIL).first()
    kelurahan = list(Region.objects.kelurahan()[:4])
    bands = [AgeBand.FROM_13_TO_15, AgeBand.FROM_10_TO_12, "", AgeBand.FROM_16_TO_17]
    for spec in CONSULTATIONS:
        if ConsultationPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
            continue
        opens, closes = (today + datetime.timedelta(days=offset) for offset in spec["days"])
        page = index.add_child(
            instance=ConsultationPage(
                title=spec["title"],
                slug=spec["slug"],
                subject_name=spec["subject_name"],
                subject_type=spec["subject_type"],
                agency=spec["agency"],
                question=spec["question"],
                background=spec["background"],
                opens_on=opens,
                closes_on=closes,
                target=ConsultationTarget.ALL_CHILDREN,
            )
        )
        page.save_revision().publish()
        is_open = closes >= today
        ConsultationInput.objects.bulk_create(
            ConsultationInput(
                consultation=page,
                text=text,
                age_band=bands[number % len(bands)],
                kelurahan=kelurahan[number % len(kelurahan)] if kelurahan and number % 2 == 0 else None,
                submitted_on=min(opens + datetime.timedelta(days=number + 1), today),
                status=InputStatus.PENDING if is_open and number == 0 else InputStatus.APPROVED,
            )
            for number, text in enumerate(spec["inputs"])
        )
        if spec["summary"]:
            ConsultationSummary.objects.create(
                consultation=page,
                text=spec["summary"],
                delivered_on=closes + datetime.timedelta(days=7),
                delivered_to=spec["delivered_to"],
            )
        if spec["answer"]:
            ConsultationAnswer.objects.create(
                consultation=page,
                answered_on=closes + datetime.timedelta(days=30),
                answered_by=official,
                **spec["answer"],
            )
    return index


#: Demo proposals made from the consultations' input: (consultation slug, title, kecamatan index or None, steps as
#: (kind, days after the consultation closed, note)).
PROPOSALS = [
    (
        "perda-kawasan-tanpa-rokok",
        "Depan sekolah, taman kota dan angkot bebas asap rokok",
        None,
        [
            (StepKind.RECEIVED, 1, ""),
            (StepKind.DISCUSSED, 3, ""),
            (StepKind.MUSRENBANG_KECAMATAN, 10, ""),
            (StepKind.MUSRENBANG_CITY, 20, ""),
            (
                StepKind.PARTLY_ACCEPTED,
                30,
                "Sekolah, taman kota dan angkot masuk aturan Kawasan Tanpa Rokok. Larangan menjual rokok di dekat "
                "sekolah diatur dengan peraturan lain.",
            ),
        ],
    ),
    (
        "lokasi-rbra-baru",
        "Ruang bermain di dekat rumah susun, dengan tempat teduh dan ayunan untuk kursi roda",
        0,
        [(StepKind.RECEIVED, 1, ""), (StepKind.DISCUSSED, 4, ""), (StepKind.MUSRENBANG_KELURAHAN, 9, "")],
    ),
]


def seed_proposals(index: ConsultationIndexPage) -> None:
    """Proposals with their trails for the Jejak Suara pages; a proposal already there is left as it is."""
    kecamatan = list(Region.objects.kecamatan().order_by("code"))
    for slug, title, where, steps in PROPOSALS:
        page = ConsultationPage.objects.child_of(index).filter(slug=slug).first()
        if page is None or Proposal.objects.filter(title=title).exists():
            continue
        proposal = Proposal.objects.create(
            title=title,
            source=ProposalSource.CONSULTATION,
            consultation=page,
            kecamatan=kecamatan[where] if where is not None and kecamatan else None,
        )
        proposal.inputs.set(page.inputs.approved())
        for kind, days, note in steps:
            ProposalStep.objects.create(
                proposal=proposal,
                kind=kind,
                place=STEP_PLACE[kind],
                on=page.closes_on + datetime.timedelta(days=days),
                role=ATTRIBUTED_ROLE[STEP_PERMISSIONS[kind]],
                note=note,
            )
        proposal.stage = steps[-1][0]
        proposal.save(update_fields=["stage"])


def seed_facilitator_page_permissions(index: ConsultationIndexPage) -> None:
    """Facilitators create and publish consultations below ``/konsultasi/``."""
    facilitators = Group.objects.get(name=Role.FACILITATOR.value)
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=FACILITATOR_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(group=facilitators, page=index, permission=permission)


@transaction.atomic
def seed() -> None:
    today = timezone.localdate()
    groups = seed_groups(today)
    seed_members(groups, today)
    seed_activities(groups, today)
    index = seed_consultations(today)
    if index is not None:
        seed_facilitator_page_permissions(index)
        seed_proposals(index)
