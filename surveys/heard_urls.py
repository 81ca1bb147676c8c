from django.urls import path

from surveys import heard_views

app_name = "didengar"

urlpatterns = [
    path("", heard_views.heard_in_class, name="answer"),
]
