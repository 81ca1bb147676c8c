from django.urls import path

import cms.converters  # noqa: F401  (registers the "region" converter)
from forum import views

app_name = "forum"

urlpatterns = [
    path("", views.group_list, name="group_list"),
    path("<region:code>/", views.group_detail, name="group_detail"),
]
