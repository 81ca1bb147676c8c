"""The KLA evidence pack (issue #19, point 5): for a period and an area, one page and the same as a PDF, whose every
figure is the dashboard's for the same query, suppressed the same way, and which only officials and facilitators
may open."""

from __future__ import annotations

import datetime
import io
import re
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import ModelLogEntry, PageLogEntry

from cms.models import Region
from cms.roles import Role
from cms.vocabulary import DEFAULT_K, FeltHeard, HeardReason, RegionLevel
from forum.models import (
    Activity,
    AnswerDecision,
    ConsultationInput,
    ConsultationSummary,
    ForumGroup,
    HeardAnswer,
    InputStatus,
    Proposal,
    ProposalSource,
    ProposalStep,
    StepKind,
)
from forum.models.proposals import STEP_PLACE
from forum.services import record_answer
from surveys.results import evidence
from surveys.results.models import Formula, Indicator
from surveys.results.suppression import rounded
from tests.forum.conftest import consultation_index, make_consultation  # noqa: F401
from tests.results.test_one_count import grid, read_page

TODAY = timezone.localdate()
CHILD_TEXT = "rahasia Budi di gang tiga"


def heard(consultation, *, yes: int, no: int) -> None:
    for felt, n in ((FeltHeard.YES, yes), (FeltHeard.NO, no)):
        HeardAnswer.objects.bulk_create(
            HeardAnswer(consultation=consultation, felt_heard=felt, why=HeardReason.ANSWER_CLEAR, answered_on=TODAY)
            for _ in range(n)
        )


@pytest.fixture
def city(published_results, builtin_indicators, make_consultation, make_user):  # noqa: F811
    """The published test survey (one kecamatan too small to show), Forum Anak groups (one kelurahan's active), an
    answered consultation with children's input, a proposal carried out, and 12 of 19 children who felt heard."""
    kecamatan = Region.objects.kecamatan().order_by("code").first()
    kelurahan = Region.objects.kelurahan().filter(parent=kecamatan).order_by("code")
    for region in [Region.objects.get(level=RegionLevel.CITY), kecamatan, *kelurahan[:2]]:
        ForumGroup.objects.create(region=region, decree_number=f"SK-{region.code}")
    for group in ForumGroup.objects.exclude(region=kelurahan[1]):
        Activity.objects.create(group=group, date=TODAY, kind="meeting", place="Aula", summary="Rapat")
    consultation = make_consultation("ktr")
    ConsultationInput.objects.bulk_create(
        ConsultationInput(
            consultation=consultation,
            text=CHILD_TEXT,
            submitted_on=TODAY,
            status=InputStatus.APPROVED,
            kelurahan=kelurahan[0],
        )
        for _ in range(7)
    )
    ConsultationSummary.objects.create(consultation=consultation, text="r", delivered_on=TODAY, delivered_to="Kadis")
    record_answer(
        consultation,
        decision=AnswerDecision.PARTLY_ACCEPTED,
        reasons="Taman dibangun tahun depan.",
        next_steps="-",
        user=make_user(Role.OFFICIAL, email="dinas@example.test"),
    )
    proposal = Proposal.objects.create(
        title="Taman tanpa asap rokok", source=ProposalSource.CONSULTATION, consultation=consultation
    )
    for kind, role, fields in (
        (StepKind.RECEIVED, Role.FACILITATOR, {}),
        (StepKind.ACCEPTED, Role.OFFICIAL, {"note": "Dinas setuju memasang papan larangan."}),
        (StepKind.CARRIED_OUT, Role.FACILITATOR, {"year": TODAY.year, "budget_line": "DAK 1.02"}),
    ):
        ProposalStep.objects.create(proposal=proposal, kind=kind, place=STEP_PLACE[kind], on=TODAY, role=role, **fields)
    proposal.stage = StepKind.CARRIED_OUT
    proposal.save()
    heard(consultation, yes=12, no=7)
    return {"survey": published_results, "kecamatan": kecamatan, "consultation": consultation}


@pytest.fixture
def official_client(client, make_user):
    client.force_login(make_user(Role.OFFICIAL))
    return client


def queries(city) -> list[dict[str, str]]:
    survey, kecamatan = city["survey"], city["kecamatan"]
    year = f"{TODAY.year:04d}"
    return [
        {"survei": str(survey.pk)},
        {"survei": str(survey.pk), "kecamatan": kecamatan.code},
        {"survei": str(survey.pk), "dari": f"{year}-01", "sampai": f"{year}-12"},
    ]


def headline_values(html: str) -> dict[str, str]:
    found = re.findall(r'id="sekilas-([\w-]+)">.*?class="glance__value">(.*?)</span>', html, re.S)
    return {key: " ".join(value.split()) for key, value in found}


def name_of(formula: str) -> str:
    return Indicator.objects.get(formula=formula).name


def indicator_rows(tables) -> dict[str, list[str]]:
    return {row[0]: row[1:7] for row in tables["results-indicators"][1:]}


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.django_db
def test_every_figure_in_the_pack_is_the_dashboards_for_the_same_period_and_area(official_client, city):
    for params in queries(city):
        dashboard = official_client.get(reverse("results:official"), params)
        report = official_client.get(reverse("results:report"), params)
        assert report.status_code == HTTPStatus.OK
        on_dashboard, in_pack = read_page(dashboard.content.decode()), read_page(report.content.decode())
        charts = [key for key in on_dashboard.tables if key.startswith("q-")]
        assert charts, "the dashboard shows the survey's questions"
        for key in [*charts, "responden-caption", "results-indicators", "angka-caption"]:
            assert in_pack.tables[key] == on_dashboard.tables[key], (params, key)
        assert headline_values(report.content.decode()) == headline_values(dashboard.content.decode())
        assert len(headline_values(report.content.decode())) == 4

        indicators = indicator_rows(on_dashboard.tables)
        header, shown = in_pack.tables["didengar-caption"]
        felt = dict(zip(header, shown, strict=True))
        felt_row = indicators[name_of(Formula.FELT_HEARD)]
        shown = [felt["Menjawab “Ya, suaraku didengar”"], felt["Semua yang menjawab"], felt["Persen"]]
        assert shown == [felt_row[1], felt_row[4], felt_row[3]], params
        if "kecamatan" not in params:
            assert felt["Persen"] != "–", "the fixture's share is shown for the city"

        groups = grid(in_pack.tables["forum-caption"])
        assert groups[("Kelurahan/Desa", "Aktif")] == indicators[name_of(Formula.KELURAHAN_FORUM)][1]
        assert groups[("Kelurahan/Desa", "Wilayah")] == indicators[name_of(Formula.KELURAHAN_FORUM)][2]
        assert groups[("Kecamatan", "Aktif")] == indicators[name_of(Formula.KECAMATAN_FORUM)][1]
        documented = report.context["pack"].documented
        assert str(documented) == indicators[name_of(Formula.POLICIES_INPUT)][1]


@pytest.mark.django_db
def test_the_pack_lists_consultations_with_their_proposals_and_outcomes_but_no_childs_words(official_client, city):
    html = official_client.get(reverse("results:report"), queries(city)[0]).content.decode()
    for text in (
        "Konsultasi ktr",
        "Diterima sebagian",
        "Taman dibangun tahun depan.",
        "Taman tanpa asap rokok",
        "Dilaksanakan",
        "Dinas setuju memasang papan larangan.",
        "DAK 1.02",
        f"SK-{city['kecamatan'].code}",
    ):
        assert text in html, text
    assert CHILD_TEXT not in html
    rows = dict(read_page(html).tables[f"konsultasi-{city['consultation'].pk}"])
    assert rows["Masukan anak yang disetujui"] == str(rounded(7, DEFAULT_K))
    assert rows["Dihitung dalam indikator"] == "Ya"


@pytest.mark.django_db
def test_the_pdf_is_a_pdf_with_the_pages_figures(official_client, city, pdf_of):
    params = queries(city)[0]
    page = official_client.get(reverse("results:report"), params)
    response, content = pdf_of(official_client, reverse("results:report_pdf"), params)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="paket-bukti-kla-')
    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    assert "Paket bukti partisipasi anak untuk evaluasi KLA" in text
    pack = page.context["pack"]
    for key, value in headline_values(page.content.decode()).items():
        assert value in text, key
    for result in pack.indicators:
        assert result.figure.numerator.label in text or str(result.figure.numerator.value) in text
    in_pack = read_page(page.content.decode())
    for row in in_pack.tables["responden-caption"][1:]:
        assert " ".join(row) in text
    assert "Taman tanpa asap rokok" in text and "Aturan kelompok kecil" in text
    assert CHILD_TEXT not in text


@pytest.mark.django_db
def test_small_groups_are_suppressed_in_the_page_and_the_pdf(official_client, city, pdf_of):
    """The fourth kecamatan has 2 respondents; 3 children answered whether they felt heard on its consultation."""
    small = Region.objects.kecamatan().order_by("code")[3]
    HeardAnswer.objects.all().delete()
    heard(city["consultation"], yes=2, no=1)
    params = {"survei": city["survey"].pk, "kecamatan": small.code}
    page = official_client.get(reverse("results:report"), params)
    tables = read_page(page.content.decode()).tables
    respondents = grid(tables["responden-caption"])
    assert respondents[(small.name, "Responden")] == f"< {DEFAULT_K}"
    felt = tables["didengar-caption"][1]
    assert felt == [f"< {DEFAULT_K}", f"< {DEFAULT_K}", "–"]
    text = pdf_text(pdf_of(official_client, reverse("results:report_pdf"), params)[1])
    assert f"{small.name} < {DEFAULT_K}" in text
    assert f"< {DEFAULT_K} < {DEFAULT_K} –" in text


@pytest.mark.django_db
def test_the_pack_is_recorded_as_an_export(official_client, city, pdf_of):
    pdf_of(official_client, reverse("results:report_pdf"), queries(city)[1])
    entries = [
        entry
        for model in (PageLogEntry, ModelLogEntry)
        for entry in model.objects.filter(action="suara_anak.export", data__kind="laporan-bukti")
    ]
    assert [entry.data["format"] for entry in entries] == ["pdf"]
    assert entries[0].data["filters"]["kecamatan"] == city["kecamatan"].code


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, HTTPStatus.FOUND),
        (Role.FORUM_MEMBER, HTTPStatus.FORBIDDEN),
        (Role.SCHOOL_COORDINATOR, HTTPStatus.FORBIDDEN),
        (Role.OFFICIAL, HTTPStatus.OK),
        (Role.FACILITATOR, HTTPStatus.OK),
    ],
)
def test_only_officials_and_facilitators_get_the_pack(client, make_user, builtin_indicators, role, expected, pdf_of):
    if role is not None:
        client.force_login(make_user(role))
    for name in ("results:report", "results:report_pdf"):
        if expected == HTTPStatus.OK and name == "results:report_pdf":
            assert pdf_of(client, reverse(name), {})[1].startswith(b"%PDF-")
            continue
        response = client.get(reverse(name))
        assert response.status_code == expected, (role, name)
        if expected == HTTPStatus.FOUND:
            assert "/masuk/" in response["Location"] or "login" in response["Location"]


def test_drawing_the_pdf_fetches_nothing(monkeypatch):
    """An address in the HTML (an image, a stylesheet) is never fetched: the PDF is drawn from what the server has."""
    import urllib.request

    def refuse(*args, **kwargs):
        raise AssertionError("the PDF renderer reached for the network or the disk")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    html = '<img src="http://192.0.2.1/x.png"><link rel="stylesheet" href="file:///etc/passwd"><p>Halo</p>'
    assert evidence.pdf(html).startswith(b"%PDF-")


def test_the_surveys_of_a_period_are_those_open_in_it(db, survey):
    year = TODAY.year
    assert survey in evidence.surveys_in(evidence.Period.year(year))
    assert survey not in evidence.surveys_in(evidence.Period(datetime.date(1990, 1, 1), datetime.date(1990, 12, 31)))
