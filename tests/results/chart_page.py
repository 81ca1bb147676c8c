"""A test-only page showing one chart, so the component can be rendered and drawn without the survey models."""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns
from surveys.results.charts import Chart, distribution_chart
from surveys.results.suppression import CountTable, suppress

PAGE = """{% extends "base.html" %}
{% block title %}Uji grafik{% endblock %}
{% block extra_head %}{% include "components/chart_assets.html" %}{% endblock %}
{% block main %}<h1>Uji grafik</h1>{% include "components/chart.html" %}{% endblock %}"""


def known_chart() -> Chart:
    table = suppress(
        CountTable.from_counts(
            [{"choice": "tidak", "n": 40}, {"choice": "sekali", "n": 12}, {"choice": "sering", "n": 3}],
            columns=["tidak", "sekali", "sering"],
            row_field=None,
            column_labels=["Tidak pernah", "Sekali", "Sering"],
            row_labels=["Kota Balikpapan"],
        )
    )
    figure = distribution_chart(table, title="Pernah dirundung di sekolah?", x_title="Jawaban", y_title="Jumlah anak")
    return Chart(
        id="grafik-perundungan",
        figure=figure,
        table=table,
        caption="Pernah dirundung di sekolah, Kota Balikpapan, putaran 2026",
        row_heading="Wilayah",
    )


def chart_page(request: HttpRequest) -> HttpResponse:
    template = engines["django"].from_string(PAGE)
    return HttpResponse(template.render({"chart": known_chart()}, request))


urlpatterns = [path("uji-grafik/", chart_page), *site_urlpatterns]
