from http import HTTPStatus

import pytest
from django.conf import settings

from tests.conftest import run_python


@pytest.mark.django_db
def test_the_bench_views_do_not_exist_without_the_bench_variable(client, home):
    assert "bench" not in settings.INSTALLED_APPS
    assert client.post("/bench/insert/").status_code == HTTPStatus.NOT_FOUND


def test_the_bench_variable_installs_the_bench_app_and_its_view():
    code = (
        "import django; django.setup(); from django.conf import settings; from django.urls import reverse; "
        "print('bench' in settings.INSTALLED_APPS, reverse('bench:insert_row'))"
    )
    result = run_python(code, env={"SUARA_ENV": "test", "SUARA_BENCH_VIEWS": "1"})
    assert result.stdout.split() == ["True", "/bench/insert/"], result.stderr
