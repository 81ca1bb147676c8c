from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from api.endpoints import api
from cms import converters, views  # noqa: F401  (converters registers "id" and "region")
from surveys import offline_views
from surveys.section_route import answer_section

# Wagtail's and Django's own sign-in and password-reset views would sign staff in without the MFA step and outside
# allauth's rate limits: each of their routes sends the person to allauth's page instead, with its query string.
to_sign_in = RedirectView.as_view(pattern_name="account_login", query_string=True)
to_password_reset = RedirectView.as_view(pattern_name="account_reset_password")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("admin/login/", to_sign_in),
    re_path(r"^admin/password_reset/", to_password_reset),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("sw.js", offline_views.service_worker, name="service_worker"),
]

if settings.BENCH_VIEWS:
    urlpatterns.append(path("bench/", include("bench.urls")))

urlpatterns += i18n_patterns(
    path("akun/", include("allauth.urls")),
    path("cari/", views.search, name="search"),
    path("forum-anak/", include("forum.urls")),
    path("jejak/", include("forum.jejak_urls")),
    path("didengar/", include("surveys.heard_urls")),
    path("staf/survei/", include("surveys.urls")),
    path("survei-kirim/<id:page_id>/bagian/<id:number>/", answer_section, name="survey_answer"),
    path("survei-luring/<id:page_id>/kunci/", offline_views.offline_keys, name="survey_offline_keys"),
    path("survei-luring/antrean/", offline_views.offline_queue, name="survey_offline_queue"),
    path("", include("api.urls")),
    path("", include("surveys.results.urls")),
    path("_util/login/", to_sign_in),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
