from django.urls import path

from surveys.results import views as results_views

app_name = "results"

urlpatterns = [
    path("hasil/", results_views.public_results, name="public"),
    path("staf/hasil/", results_views.official_dashboard, name="official"),
    path("staf/hasil/laporan/", results_views.evidence_report, name="report"),
    path("staf/hasil/laporan.pdf", results_views.evidence_report_pdf, name="report_pdf"),
    path("staf/hasil/ekspor/indikator.<str:file_format>", results_views.export_indicators, name="export_indicators"),
    path("staf/hasil/ekspor/ringkasan.<str:file_format>", results_views.export_summary, name="export_summary"),
    path("staf/sekolah/hasil/", results_views.school_dashboard, name="school"),
    path("staf/sekolah/hasil/ringkasan.<str:file_format>", results_views.export_school_summary, name="school_export"),
]
