import io

from django.core.management import call_command
from django.utils import timezone

from cms.models import RegionLevel
from forum.models import ConsultationAnswer, ConsultationIndexPage, ConsultationInput, ConsultationPage, ForumGroup


def test_demo_has_a_group_for_the_city_every_kecamatan_and_every_kelurahan(db):
    call_command("seed_demo", stdout=io.StringIO())
    assert ForumGroup.objects.count_by_level() == {"city": 1, "kecamatan": 6, "kelurahan": 34}
    assert 0 < ForumGroup.objects.active().count() < ForumGroup.objects.count()
    assert ForumGroup.objects.filter(facilitators__email="fasilitator@demo.suara-anak.test").get().level == (
        RegionLevel.KECAMATAN
    )


def test_demo_has_three_consultations_in_different_states_and_one_answer(client, db):
    call_command("seed_demo", stdout=io.StringIO())
    index = ConsultationIndexPage.objects.get()
    assert index.url == "/konsultasi/"
    pages = ConsultationPage.objects.child_of(index).live()
    today = timezone.localdate()
    assert (pages.open(today).count(), pages.awaiting_answer(today).count(), pages.answered().count()) == (1, 1, 1)
    assert ConsultationAnswer.objects.count() == 1
    assert ConsultationInput.objects.approved().count() >= 6 and ConsultationInput.objects.pending().exists()
    answered = client.get("/konsultasi/perda-kawasan-tanpa-rokok/").content.decode()
    assert "Suaramu didengar" in answered and "Sebagian usulan kalian diterima." in answered
    assert client.get("/forum-anak/64.71/").status_code == 200


def test_demo_facilitators_may_create_consultations_under_konsultasi(client, db):
    from django.urls import reverse

    from cms.models import User

    call_command("seed_demo", stdout=io.StringIO())
    index = ConsultationIndexPage.objects.get()
    client.force_login(User.objects.get(email="fasilitator@demo.suara-anak.test"))
    response = client.get(reverse("wagtailadmin_pages:add", args=["forum", "consultationpage", index.pk]))
    assert response.status_code == 200


def test_demo_has_proposals_with_trails_on_the_jejak_pages(client, db):
    from forum.models import Proposal, StepKind

    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    assert set(Proposal.objects.values_list("stage", flat=True)) == {
        StepKind.PARTLY_ACCEPTED,
        StepKind.MUSRENBANG_KELURAHAN,
    }, "seeding twice adds nothing"
    listed = client.get("/jejak/usulan/").content.decode()
    for proposal in Proposal.objects.all():
        assert proposal.title in listed
        assert proposal.inputs.exists()
