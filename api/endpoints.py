"""The read-only API (``/api/v1/``), described by OpenAPI 3 at ``/api/v1/openapi.json``.

Public operations need no key and return what the public pages show: live children's surveys and their questions,
the suppressed results of the questions a facilitator published, the participation indicator, campaigns and
consultations with their outcomes. ``/official/`` operations need a personal token (``Authorization: Bearer …``)
made by an official in the staff pages and return what the official dashboard shows. Every figure comes from the
dashboards' own code (``surveys.results.pages``, ``.indicators``), never counted here; no operation returns an answer.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Router, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer
from ninja.throttling import AnonRateThrottle, AuthRateThrottle
from wagtail.models import Locale

from api import schemas
from api.forms import PublicResultFilterForm
from api.models import ApiToken
from cms.models import CampaignPage
from cms.replica import reads_from_replica
from cms.roles import READ_CITY_RESULTS
from cms.vocabulary import DEFAULT_K
from forum.models import ConsultationPage
from surveys.models import SurveyPage
from surveys.results import pages as results
from surveys.results.exports import suppression_rule
from surveys.results.forms import ResultFilterForm, surveys_with_results
from surveys.results.indicators import indicator_table


class TokenAuth(HttpBearer):
    """A personal token of an account that may still read the city's results; its use is dated."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = ApiToken.objects.authenticate(token)
        if found is None or not found.user.has_perm(READ_CITY_RESULTS):
            return None
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        return found


class SettingRate:
    """A throttle whose rate is a setting, read on each request (``API_RATE_ANONYMOUS``, ``API_RATE_TOKEN``)."""

    setting = ""

    def __init__(self) -> None:
        super().__init__(getattr(settings, self.setting))

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class AnonymousRate(SettingRate, AnonRateThrottle):
    setting = "API_RATE_ANONYMOUS"


class TokenRate(SettingRate, AuthRateThrottle):
    setting = "API_RATE_TOKEN"

    def get_cache_key(self, request: HttpRequest) -> str:
        """Counted per token (its row), not per its printed name, which two tokens may share."""
        token = getattr(request, "auth", None)
        if isinstance(token, ApiToken):
            return self.cache_format % {"scope": self.scope, "ident": f"token-{token.pk}"}
        return super().get_cache_key(request)


api = NinjaAPI(
    title="Suara Anak API",
    version="1",
    description=(
        "Data baca-saja Suara Anak: survei anak yang terbit, hasil yang sudah diumumkan (disamarkan untuk kelompok "
        "kecil), indikator partisipasi, kampanye dan konsultasi Forum Anak beserta hasilnya. Tidak ada jawaban "
        "perorangan. Bagian /official/ memerlukan token pribadi pejabat."
    ),
    urls_namespace="api_v1",
    docs_url=None,
    throttle=[AnonymousRate(), TokenRate()],
)


class Filters(Schema):
    """The public filters (``api.forms.PUBLIC_FILTERS``); the form checks them."""

    dari: str | None = None
    sampai: str | None = None
    kecamatan: str | None = None
    rinci: str | None = None


class OfficialFilters(Filters):
    """Every filter of the official dashboard (``ResultFilterForm``)."""

    kelurahan: str | None = None
    sekolah: str | None = None
    jenjang: str | None = None
    umur: str | None = None
    jk: str | None = None


class AreaFilters(Schema):
    dari: str | None = None
    sampai: str | None = None
    kecamatan: str | None = None
    kelurahan: str | None = None


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError):
    return api.create_response(request, {"detail": exc.errors}, status=400)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError):
    return api.create_response(request, {"detail": _("Token tidak dikenal atau sudah dicabut.")}, status=401)


def _bound(form_class, survey_id: int | None, filters: Schema):
    data = {key: value for key, value in filters.dict().items() if value not in (None, "")}
    if survey_id is not None:
        data["survei"] = str(survey_id)
    form = form_class(data)
    if not form.is_valid():
        raise HttpError(400, _("Filter tidak valid: %(errors)s") % {"errors": form.errors.get_json_data()})
    return form


def _survey_out(survey: SurveyPage) -> dict:
    published = bool(survey.published_results)
    return {
        "id": survey.pk,
        "title": survey.title,
        "url": survey.full_url or "",
        "opens_at": survey.opens_at,
        "closes_at": survey.closes_at,
        "k": survey.min_group_size,
        "has_public_results": published,
        "open_data_url": reverse("api:open_data", args=[survey.pk]) if published else None,
    }


def _survey_detail(survey: SurveyPage) -> dict:
    published = set(survey.published_results or [])
    questions = [
        {
            "code": question.code,
            "type": str(question.type),
            "label": question.label,
            "choices": [{"code": choice.code, "label": choice.label} for choice in question.choices],
            "has_public_results": question.code in published and question.is_choice,
        }
        for question in survey.get_definition().questions()
    ]
    return {**_survey_out(survey), "questions": questions}


def _live_survey(survey_id: int) -> SurveyPage:
    survey = surveys_with_results().filter(pk=survey_id).first() if 0 < survey_id < 2**31 else None
    if survey is None:
        raise HttpError(404, _("Survei tidak ditemukan."))
    return survey


def _results(survey: SurveyPage, form: ResultFilterForm, questions=None) -> dict:
    scope = results.Scope(
        survey, form.result_filter(), by=form.breakdown(), area=form.describe(), part_label=form.name()
    )
    charts = results.question_charts(scope, questions)
    return {
        "survey": _survey_out(survey),
        "period": scope.period,
        "filters": form.describe(),
        "breakdown": scope.by,
        "rule": suppression_rule(survey.min_group_size),
        "respondents": schemas.Table.of(results.respondent_count(scope)),
        "blank": schemas.Cell.of(results.blank_count(scope)),
        "questions": [
            {
                "code": chart.id.removeprefix("q-"),
                "label": chart.title,
                "caption": chart.caption,
                "table": schemas.Table.of(chart.table),
            }
            for chart in charts
        ],
    }


public = Router(tags=["publik"])
official = Router(tags=["pejabat"], auth=TokenAuth())

NOT_FOUND = {404: schemas.Error}
BAD = {400: schemas.Error}


@public.get("/surveys", response=list[schemas.Survey], summary="Survei anak yang terbit")
def list_surveys(request: HttpRequest):
    return [_survey_out(survey) for survey in surveys_with_results()]


@public.get("/surveys/{survey_id}", response={200: schemas.SurveyDetail, **NOT_FOUND}, summary="Satu survei")
def survey_detail(request: HttpRequest, survey_id: int):
    return _survey_detail(_live_survey(survey_id))


@public.get(
    "/surveys/{survey_id}/results",
    response={200: schemas.Results, **NOT_FOUND, **BAD},
    summary="Hasil pertanyaan yang diumumkan",
)
def survey_results(request: HttpRequest, survey_id: int, filters: Query[Filters]):
    """The questions a facilitator published, filtered by period and kecamatan only, suppressed as on the public
    results page."""
    survey = _live_survey(survey_id)
    published = [
        question
        for code in survey.published_results or []
        if (question := survey.get_definition().question(code)) is not None and question.is_choice
    ]
    if not published:
        raise HttpError(404, _("Survei ini belum mengumumkan hasil."))
    return _results(survey, _bound(PublicResultFilterForm, survey_id, filters), published)


@public.get("/indicators", response={200: schemas.Indicators, **BAD}, summary="Indikator partisipasi anak")
def indicators(request: HttpRequest, filters: Query[AreaFilters]):
    """The participation indicator for a period (whole months; the current year by default) and an area."""
    form = _bound(ResultFilterForm, None, filters)
    period, area = form.period(), form.area()
    rows = indicator_table(period, area)
    return {
        "period_start": period.start,
        "period_end": period.end,
        "area": str(area) if area else _("Seluruh kota"),
        "rule": suppression_rule(DEFAULT_K),
        "indicators": [
            {
                "id": row.indicator.pk,
                "formula": row.indicator.formula,
                "name": row.indicator.name,
                "cluster": str(row.cluster_label),
                "period_start": row.period.start,
                "period_end": row.period.end,
                "area": str(row.area_label),
                "numerator": schemas.Cell.of(row.figure.numerator),
                "denominator": row.figure.denominator,
                "rate": row.figure.rate,
                "respondents": schemas.Cell.of(row.figure.respondents) if row.figure.respondents else None,
                "method": str(row.figure.method),
            }
            for row in rows
        ],
    }


@public.get("/campaigns", response=list[schemas.Campaign], summary="Kampanye")
def campaigns(request: HttpRequest):
    pages = (
        CampaignPage.objects.live()
        .public()
        .filter(locale=Locale.get_default())
        .select_related("theme")
        .order_by("-start_date", "pk")
    )
    return [
        {
            "id": page.pk,
            "title": page.title,
            "url": page.full_url or "",
            "theme": {"code": page.theme.code, "name": page.theme.name},
            "start_date": page.start_date,
            "end_date": page.end_date,
            "goal": page.goal,
        }
        for page in pages
    ]


@public.get("/consultations", response=list[schemas.Consultation], summary="Konsultasi dan hasilnya")
def consultations(request: HttpRequest):
    """Consultations with the delivered summary of children's input and the agency's answer, as their pages show
    them; the children's own inputs are not listed."""
    pages = (
        ConsultationPage.objects.live()
        .public()
        .filter(locale=Locale.get_default())
        .select_related("summary", "answer", "target_kecamatan")
        .order_by("-opens_on", "pk")
    )
    out = []
    for page in pages:
        summary = getattr(page, "summary", None)
        answer = getattr(page, "answer", None)
        out.append(
            {
                "id": page.pk,
                "title": page.title,
                "url": page.full_url or "",
                "subject_name": page.subject_name,
                "subject_type": page.subject_type,
                "agency": page.agency,
                "question": page.question,
                "opens_on": page.opens_on,
                "closes_on": page.closes_on,
                "target_kecamatan": page.target_kecamatan.name if page.target_kecamatan else None,
                "summary": (
                    {"text": summary.text, "delivered_on": summary.delivered_on, "delivered_to": summary.delivered_to}
                    if summary is not None and summary.is_delivered
                    else None
                ),
                "answer": (
                    {
                        "decision": answer.decision,
                        "decision_label": str(answer.get_decision_display()),
                        "reasons": answer.reasons,
                        "next_steps": answer.next_steps,
                        "answered_on": answer.answered_on,
                    }
                    if answer is not None
                    else None
                ),
            }
        )
    return out


@official.get("/whoami", response=schemas.TokenOwner, summary="Token yang dipakai")
def whoami(request: HttpRequest):
    token: ApiToken = request.auth
    return {"token": token.key_start, "name": token.name, "username": token.user.get_username()}


@official.get(
    "/surveys/{survey_id}/results",
    response={200: schemas.Results, **NOT_FOUND, **BAD},
    summary="Hasil seperti di dasbor pejabat",
)
def official_results(request: HttpRequest, survey_id: int, filters: Query[OfficialFilters]):
    """Every choice question with every dashboard filter and breakdown, suppressed as on the official dashboard."""
    survey = _live_survey(survey_id)
    return _results(survey, _bound(ResultFilterForm, survey_id, filters))


# Every operation only reads: it reads from the replica when there is one (cms.replica), after the token was
# checked on the primary (``operation`` mode runs after authentication), so a revoked token is refused at once.
for router in (public, official):
    router.add_decorator(reads_from_replica, mode="operation")
api.add_router("/", public)
api.add_router("/official/", official)
