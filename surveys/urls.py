from django.urls import path

import cms.converters  # noqa: F401  (registers the "id" converter)
from surveys import heard_views, staff_views

app_name = "surveys"

urlpatterns = [
    path("", staff_views.home, name="staff_home"),
    path("<id:survey_id>/kode/", staff_views.code_schools, name="code_schools"),
    path("<id:survey_id>/sekolah/<id:school_id>/kode/", staff_views.school_codes, name="school_codes"),
    path("<id:survey_id>/sekolah/<id:school_id>/kode/cetak/", staff_views.code_sheet, name="code_sheet"),
    path("<id:survey_id>/kuesioner-sekolah/", staff_views.school_questionnaire, name="school_questionnaire"),
    path("<id:survey_id>/sekolah-menjawab/", staff_views.school_report, name="school_report"),
    path("didengar/<id:consultation_id>/", heard_views.heard_schools, name="heard_schools"),
    path("didengar/<id:consultation_id>/sekolah/<id:school_id>/kode/", heard_views.heard_codes, name="heard_codes"),
    path("<id:survey_id>/ekspor.<str:file_format>", staff_views.export, name="export"),
    path("unduhan/<uuid:download_id>/", staff_views.download, name="download"),
    path("unduhan/<uuid:download_id>/berkas", staff_views.download_result, name="download_result"),
]
