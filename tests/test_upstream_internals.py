"""The few places that lean on another project's internals, pinned: when Django, Wagtail or plotly change what one of
them relies on, a test here fails and names the code to check again before the upgrade lands.

The pins are the SHA-256 of the upstream source each one copies or wraps (``inspect.getsource``); a new pin is taken
only after reading the upstream change.
"""

import hashlib
import importlib
import inspect

import pytest
from wagtail import hooks

PINNED = {
    # surveys.session_commit.save_session_in_transaction writes what db.SessionStore.save writes, as one UPDATE, and drops
    # and re-sets cached_db's copy the way cached_db does.
    "django.contrib.sessions.backends.db.SessionStore.save": "b14d9cc990fae185",
    "django.contrib.sessions.backends.db.SessionStore.create_model_instance": "dd20de8bae8938ba",
    "django.contrib.sessions.backends.cached_db.SessionStore.save": "42d0c6a512db52a2",
    "django.contrib.sessions.backends.cached_db.SessionStore.load": "b094f8b26e8a4785",
    # cms.admin_scripts.render_chooser replaces BaseChooser.render to write its set-up call as JSON (strict CSP).
    "wagtail.admin.widgets.chooser.BaseChooser.render": "68533d2e9e148935",
    "wagtail.admin.widgets.chooser.BaseChooser.render_js_init": "98a285f477211f35",
    # surveys.section_route.answer_section serves a survey's section posts outside Wagtail's routing and checks the page's
    # view restrictions itself, as Wagtail's serve and its on_serve_page hook do.
    "wagtail.views.serve": "eab2a9d475a33843",
    "wagtail.wagtail_hooks.check_view_restrictions": "8b1087719a946338",
    # surveys.fast_insert.insert_once does for one new response what save_base and _save_table do (pre_save,
    # get_db_prep_save, _state, post_save) and what bulk_create does for its answers.
    "django.db.models.base.Model.save_base": "8dfb6c7b18b4cece",
    "django.db.models.base.Model._save_table": "2a39268c21f5b8e6",
    "django.db.models.base.Model._do_insert": "7fc7e9ecbfc33991",
    # surveys.results.charts builds traces with plotly's private ``_validate=False``.
    "plotly.basedatatypes.BasePlotlyType.__init__": "d962384e00fb668d",
    "plotly.basedatatypes.BasePlotlyType._process_kwargs": "74b59c7a817b2bac",
}
# What Wagtail runs around serving a page; answer_section does the same checks, so a new hook needs a look there.
SERVE_HOOKS = {
    "before_serve_page": ["wagtail.wagtail_hooks.check_request_method"],
    "on_serve_page": ["wagtail.wagtail_hooks.check_view_restrictions"],
}


#: Each reach below another project's public API, and the one module allowed to make it (named in the pins above).
#: cms/replica.py reads ``obj._state.db`` in its router's ``allow_relation``, as Django's documentation of database
#: routers does (https://docs.djangoproject.com/en/5.2/topics/db/multi-db/#an-example).
INTERNALS = {
    "_validate=": "surveys/results/charts.py",
    "ON CONFLICT": "surveys/fast_insert.py",
    "post_save.send(": "surveys/fast_insert.py",
    "._state.": ["cms/replica.py", "surveys/fast_insert.py"],
    "._cache.": "surveys/session_commit.py",
    "._get_session(": "surveys/session_commit.py",
    "BaseChooser.render": "cms/admin_scripts.py",
    ".accept_request(": "surveys/section_route.py",
}


def upstream(dotted: str):
    module, _, name = dotted.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)
    except ModuleNotFoundError:
        module, _, owner = module.rpartition(".")
        return getattr(getattr(importlib.import_module(module), owner), name)


@pytest.mark.parametrize("dotted", sorted(PINNED))
def test_the_upstream_code_we_lean_on_is_the_code_we_read(dotted):
    digest = hashlib.sha256(inspect.getsource(upstream(dotted)).encode()).hexdigest()[:16]
    assert digest == PINNED[dotted], f"{dotted} changed upstream: re-check the code named beside its pin"


@pytest.mark.parametrize("name", sorted(SERVE_HOOKS))
def test_answer_section_does_every_check_wagtail_does_around_serving_a_page(name):
    registered = [f"{hook.__module__}.{hook.__qualname__}" for hook in hooks.get_hooks(name)]
    assert registered == SERVE_HOOKS[name], "a new serve hook: surveys.section_route.answer_section must do it too"


def test_the_chooser_replacement_is_installed_over_wagtails_own():
    from wagtail.admin.widgets import BaseChooser

    from cms import admin_scripts

    assert BaseChooser.render is admin_scripts.render_chooser
    assert admin_scripts._wagtail_render_chooser is not admin_scripts.render_chooser


@pytest.mark.django_db
def test_the_session_written_in_the_submissions_transaction_is_the_one_django_would_write(client, rf):
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.db import transaction

    from surveys.session_commit import save_session_in_transaction

    store = SessionStore()
    store["draft"] = {"answers": {"q": "a"}}
    store.save()
    store["draft"] = {"done": True}
    request = rf.post("/")
    request.session = store
    with transaction.atomic():
        save_session_in_transaction(request)
    assert SessionStore(store.session_key).load() == {"draft": {"done": True}}
    assert store.model.objects.get(session_key=store.session_key).get_decoded() == {"draft": {"done": True}}


def test_each_reach_into_upstream_internals_sits_in_its_one_module():
    """A second copy of a fast path would escape the pins: each marker is found in its own module and nowhere else."""
    from django.conf import settings

    root = settings.BASE_DIR
    sources = {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for app in settings.PROJECT_APPS
        for path in (root / app.replace(".", "/")).rglob("*.py")
        if "migrations" not in path.parts
    }
    found = {marker: sorted(name for name, source in sources.items() if marker in source) for marker in INTERNALS}
    assert found == {
        marker: sorted(module) if isinstance(module, list) else [module] for marker, module in INTERNALS.items()
    }
