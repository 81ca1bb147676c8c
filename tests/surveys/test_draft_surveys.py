"""Drafts stay drafts: an unpublished survey is never offered, pre-selected or named on a staff page."""

import datetime
import inspect

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from cms.roles import Role
from surveys import forms as survey_forms
from surveys.results import forms as results_forms

STAFF_FORM_MODULES = (survey_forms, results_forms)
DRAFT_TITLE = "Survei Draf Belum Terbit"


@pytest.fixture
def live_and_draft(make_survey):
    """A published survey, and a newer one that was unpublished (opening later, so it would sort first)."""
    live = make_survey(title="Survei Terbit", slug="terbit")
    draft = make_survey(title=DRAFT_TITLE, slug="draf", opens_at=timezone.now() + datetime.timedelta(days=3))
    draft.unpublish()
    return live, draft


def page_selectors():
    """Every field of every staff form that picks a page: (form name, field name, field)."""
    for module in STAFF_FORM_MODULES:
        for name, form_class in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form_class, forms.Form) or form_class.__module__ != module.__name__:
                continue
            try:
                fields = form_class().fields
            except TypeError:  # a children's form, built for one survey page: its declared fields
                fields = form_class.base_fields
            for field_name, field in fields.items():
                if isinstance(field, forms.ModelChoiceField) and issubclass(field.queryset.model, Page):
                    yield f"{name}.{field_name}", field


def test_no_staff_form_offers_an_unpublished_survey(live_and_draft):
    live, draft = live_and_draft
    selectors = list(page_selectors())
    assert selectors, "the staff forms have at least one survey selector"
    for label, field in selectors:
        choices = {str(value) for value, _ in field.choices}
        assert str(live.pk) in choices, label
        assert str(draft.pk) not in choices and DRAFT_TITLE not in str(list(field.choices)), label
        with pytest.raises(forms.ValidationError):
            field.clean(str(draft.pk))


@pytest.mark.parametrize("url_name", ["results:official", "results:report"])
def test_the_city_results_neither_list_nor_preselect_a_draft(client, make_user, live_and_draft, url_name):
    live, draft = live_and_draft
    client.force_login(make_user(Role.OFFICIAL))
    for params in ({}, {"survei": draft.pk}):
        response = client.get(reverse(url_name), params)
        assert response.status_code == 200
        assert response.context["survey"] == live
        assert DRAFT_TITLE not in response.content.decode()


def test_the_school_results_neither_list_nor_preselect_a_draft(client, make_user, school, live_and_draft):
    live, draft = live_and_draft
    client.force_login(make_user(Role.SCHOOL_COORDINATOR, school=school))
    for params in ({}, {"survei": draft.pk}):
        response = client.get(reverse("results:school"), params)
        assert response.status_code == 200
        assert response.context["survey"] == live
        assert draft not in response.context["surveys"]
        assert DRAFT_TITLE not in response.content.decode()


def test_the_summary_export_never_exports_a_draft(client, make_user, live_and_draft):
    live, draft = live_and_draft
    client.force_login(make_user(Role.OFFICIAL))
    response = client.get(reverse("results:export_summary", args=["csv"]), {"survei": draft.pk})
    assert response.status_code == 200
    assert DRAFT_TITLE not in response.content.decode("utf-8-sig")
    assert live.title in response.content.decode("utf-8-sig")


def test_without_a_published_survey_nothing_is_preselected(client, make_user, school, live_and_draft):
    live, _draft = live_and_draft
    live.unpublish()
    client.force_login(make_user(Role.OFFICIAL))
    assert client.get(reverse("results:official")).context["survey"] is None
    client.force_login(make_user(Role.SCHOOL_COORDINATOR, school=school))
    response = client.get(reverse("results:school"))
    assert response.context["survey"] is None and DRAFT_TITLE not in response.content.decode()
