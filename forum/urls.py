from django.urls import path

from forum import views

app_name = "forum"

urlpatterns = [
    path("", views.group_list, name="group_list"),
    path("<str:code>/", views.group_detail, name="group_detail"),
]
