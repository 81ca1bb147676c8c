from django.urls import path

from api import views

app_name = "api"

urlpatterns = [
    path("staf/api/token/", views.tokens, name="tokens"),
    path("staf/api/token/<id:token_id>/cabut/", views.revoke, name="revoke_token"),
    path("hasil/data/<id:survey_id>.zip", views.open_data, name="open_data"),
]
